"""Operators registering complaints at the same moment (PostgreSQL): each gets its own
reference, none is reused or lost."""

import threading

import pytest
from django.db import connection, connections

from complaints.models import Complaint, ComplaintTransition

from ..factories import InsurerFactory, complaint

pytestmark = pytest.mark.postgresql


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one write transaction at a time"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_complaints_registered_at_once_get_distinct_references(hotline):
    company = InsurerFactory(code="demo-pc")
    start = threading.Barrier(8, timeout=10)
    references, errors = [], []

    def register(index):
        try:
            start.wait()
            references.append(
                complaint(
                    actor=hotline, company=company, complainant_phone=f"1700000{index:04d}"
                ).reference
            )
        except Exception as error:  # reported below, with the others
            errors.append(error)
        finally:
            connections.close_all()

    operators = [threading.Thread(target=register, args=(index,)) for index in range(8)]
    for thread in operators:
        thread.start()
    for thread in operators:
        thread.join()

    assert errors == []
    assert len(set(references)) == 8
    assert Complaint.objects.count() == 8
    assert ComplaintTransition.objects.filter(action="register").count() == 8
