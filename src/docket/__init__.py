"""docket: a sourced, geolocated, reviewable record of incidents from reporting on armed conflict."""

__version__ = "0.1.0"
