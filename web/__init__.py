"""The browser face of Madoguchi: the visitor's phone, the city's web page, the TV board.

Beside `screens/` (the Textual face), over the same services; never SQL, never a rule.
`web.app.create_app(services)` builds the ASGI application that `madoguchi web` serves.
"""
