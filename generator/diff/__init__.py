"""`akeneo-codegen diff`: what a spec change does to the HTTP API and to the Python client.

sides (read a file, directory or git revision) -> api (HTTP changes, schemas compared through
$refs) + client (IR changes) -> engine (one report) -> report (text, Markdown, JSON).
Rules, their ids and levels: rules.py.
"""
