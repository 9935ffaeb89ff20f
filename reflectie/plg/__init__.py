"""PLG summaries: what a teacher chose to share, anonymized, as Markdown and HTML."""
