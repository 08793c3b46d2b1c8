"""Release and publishing: build a release (`build`, `render` for mkdocs shards, `compress`,
`fingerprint`), check it (`checks`, the printed-URL `ledger`, `moved` pages), and publish
it in one step (`publish`), one build at a time (`lock`)."""
