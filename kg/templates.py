"""HTML pages from Jinja2 templates that escape by default (kg/resources/templates/).

    from kg.templates import render_page
    html = render_page("report.html", report=...)

Every value a template prints is escaped unless the template marks it safe, so a bulletin's text
(<script> in a headline, & in a title) reaches a page as text. Jinja2 is a dependency of pyvis already.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment() -> Environment:
    """One environment for every page: autoescape on for .html templates, unknown names an error."""
    return Environment(
        loader=PackageLoader("kg", "resources/templates"),
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(name: str, **context) -> str:
    """The template `name` rendered with `context` (every string escaped)."""
    return environment().get_template(name).render(**context)
