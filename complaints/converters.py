class ReferenceConverter:
    """A complaint's reference in an address: /complaints/12378-2013-00000012/."""

    regex = r"12378-\d{4}-\d{8,}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
