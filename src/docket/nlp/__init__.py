"""The statistical model and the domain rules that run over its parse."""
