"""What a browser sends for a form as shown: used by tests that save forms through the views."""

from django import forms


def form_data(form) -> dict:
    """Every field's shown value, as the browser would post the unchanged form (checkboxes only when ticked)."""
    data = {}
    for bound in form:
        value, widget = bound.value(), bound.field.widget
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for index, (sub, part) in enumerate(zip(widget.widgets, parts, strict=False)):
                data[f"{bound.html_name}{widget.widgets_names[index]}"] = sub.format_value(part) or ""
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif value is None:
            data[bound.html_name] = ""
        else:
            data[bound.html_name] = widget.format_value(value) or ""
    return data
