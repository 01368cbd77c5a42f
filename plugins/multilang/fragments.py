"""Render the parts of a page that a language's pages share once per build, not once per page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

# What a shared fragment may depend on: the page's language, its template and,
# on a section page, the section (the menu marks the current one). A fragment
# template must use nothing else of the page (not its path, items or alternates).
FragmentKey = tuple[str, str, str, str]


def shared_renderer() -> Callable[..., Markup]:
    """Return a template function that renders a fragment once per key, for one build."""
    done: dict[FragmentKey, Markup] = {}

    @jinja2.pass_context
    def shared(context: jinja2.runtime.Context, name: str) -> Markup:
        """Render the fragment template `name` for this page's language, template and section."""
        template = str(context.get("page_template", ""))
        section = str(context.get("section", "")) if template == "section" else ""
        language: Any = context.get("lang")
        key = (name, getattr(language, "code", ""), template, section)
        found = done.get(key)
        if found is None:
            found = Markup(context.environment.get_template(name).render(context.get_all()))
            done[key] = found
        return found

    return shared


def once_renderer() -> Callable[..., Markup]:
    """Return a template function that renders an item's fragment once per item, language and options."""
    # The item is kept beside its markup so that its id() is not reused by
    # another object while this build runs.
    done: dict[tuple[Any, ...], tuple[Any, Markup]] = {}

    @jinja2.pass_context
    def render_once(context: jinja2.runtime.Context, name: str, item: Any, **options: Any) -> Markup:
        """Render the template `name` for item with options, or return its earlier rendering."""
        language: Any = context.get("lang")
        key = (name, id(item), getattr(language, "code", ""), tuple(sorted(options.items())))
        found = done.get(key)
        if found is None:
            variables = dict(context.get_all(), item=item, **options)
            found = (item, Markup(context.environment.get_template(name).render(variables)))
            done[key] = found
        return found[1]

    return render_once
