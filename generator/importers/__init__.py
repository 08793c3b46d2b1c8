"""Importers: turn public records into procedures/ files, never the other way round.

- communes.py: procedures/_communes.yml from the administrative-unit register.
- portal.py: `import_records(shared_dir, out_dir, communes)` for `niemyet import portal`;
  it reads three record shapes, one module each: portal_api.py (the portal's 2026 API),
  defence.py (the Defence Ministry's .doc exports) and catalog.py (the province's
  catalogue and per-commune online services); records.py merges reads of one code.
- coverage.py: how much of the national list of commune procedures has a file.
Files are written with yamlout.dump_yaml, so they stay readable and editable by hand.
"""
