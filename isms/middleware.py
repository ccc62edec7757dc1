"""Responses Django leaves without a page."""

from django.shortcuts import render


class MethodNotAllowedPageMiddleware:
    """A 405 without a body (require_http_methods: an address of a form button opened directly, e.g. a bookmarked
    delete or sign-out address) gets a Swedish page saying so, instead of the browser's own error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.method in ("GET", "HEAD"):
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
