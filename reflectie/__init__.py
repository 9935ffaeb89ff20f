"""reflectie: a private reflection journal for Dutch teachers."""

__version__ = "0.1.0"
