"""PLG summaries: what a teacher chose to share, anonymized, as Markdown and HTML."""


class BundleError(ValueError):
    """A file that cannot be merged; Dutch message, nothing written."""
