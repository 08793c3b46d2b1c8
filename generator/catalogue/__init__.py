"""The catalogue: procedures/ read once, checked, and turned into the typed objects every
output reads (`load.load_catalogue` -> `model.Catalogue`; `schema` holds the files' shapes)."""
