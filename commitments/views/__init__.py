"""The commitment pages, and what more than one of them reads from the address."""


def year_asked(request):
    """The address's ``?year=`` as a number; None when there is none or it is not a year.
    ASCII digits only, and few: "²⁰¹³" and "２０１３" pass ``str.isdigit()`` but not ``int()``,
    and ``int()`` refuses a string of thousands of digits."""
    year = request.GET.get("year", "")
    return int(year) if year.isascii() and year.isdigit() and len(year) <= 4 else None
