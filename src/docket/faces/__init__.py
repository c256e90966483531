"""The faces over the library: the CLI, the JSON API and the web app. They hold no logic."""
