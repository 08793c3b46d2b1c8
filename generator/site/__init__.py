"""The site's pages: which pages there are (`pages`), the Markdown of each (`procedure`,
`listings`, made safe by `markup`, with `jsonld`), the open data and offline search files
written beside them, and the page-size estimate validation uses (`budget`)."""
