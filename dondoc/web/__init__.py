"""The web app: server-rendered pages in Vietnamese and a JSON API, over the services."""
