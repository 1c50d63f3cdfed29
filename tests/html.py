"""A little of a page's HTML as a tree, for tests that look at one part of a page."""

from html.parser import HTMLParser

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag, attrs):
        self.tag, self.attrs, self.children, self._text = tag, dict(attrs), [], []

    def __getitem__(self, name):
        return self.attrs[name]

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def text(self):
        """The text inside, with runs of white space made one space."""
        return " ".join("".join(self._all_text()).split())

    def _all_text(self):
        for part in self._text:
            yield part if isinstance(part, str) else "".join(part._all_text())

    @property
    def links(self):
        return [element["href"] for element in self.walk() if element.tag == "a"]

    def find(self, element_id):
        return next((e for e in self.walk() if e.get("id") == element_id), None)

    def find_all(self, tag=None, **attrs):
        return [
            e
            for e in self.walk()
            if (tag is None or e.tag == tag) and all(e.get(k) == v for k, v in attrs.items())
        ]

    def first(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    @classmethod
    def parse(cls, html):
        parser = _TreeBuilder()
        parser.feed(html)
        parser.close()
        return parser.root

    @classmethod
    def by_id(cls, response, element_id):
        """The element ``element_id`` of a test client's response, or None."""
        return cls.parse(response.content.decode()).find(element_id)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, [(name, value or "") for name, value in attrs])
        self.stack[-1].children.append(element)
        self.stack[-1]._text.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1]._text.append(data)
