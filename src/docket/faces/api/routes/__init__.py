"""One router per resource; ``ROUTERS`` lists their modules in the order the API docs show."""

ROUTERS: tuple[str, ...] = (
    "docket.faces.api.routes.incidents",
    "docket.faces.api.routes.documents",
    "docket.faces.api.routes.claims",
    "docket.faces.api.routes.figures",
    "docket.faces.api.routes.actors",
    "docket.faces.api.routes.places",
    "docket.faces.api.routes.treaties",
    "docket.faces.api.routes.exports",
    "docket.faces.api.routes.review",
    "docket.faces.api.routes.audit",
    "docket.faces.api.routes.auth",
)
