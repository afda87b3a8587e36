"""The queue: filters, sorting and keyset pagination (no OFFSET), scoped to the officer."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event, select

from gratifikasi import clock
from gratifikasi.cases import queries
from gratifikasi.cases.recusals import add_recusal
from gratifikasi.extensions import db
from gratifikasi.models import Officer
from gratifikasi.models.case import NO_DEADLINE, CaseFile, CaseKind, RecusalBasis
from tests.helpers import login


def _fill(app, world, count: int = 23) -> list[int]:
    """Case files straight into the index (the queue reads nothing else)."""
    with app.app_context():
        hu, dinkes, dishub = (world.unit_id(c) for c in ("INSPEKTORAT", "DINKES", "DISHUB"))
        ids = []
        for i in range(count):
            case = CaseFile(
                kind=CaseKind.gratifikasi, record_type="gratification_report", record_id=1000 + i,
                tracking_number=f"GRT-2026-{i:06d}", queue="upg", handling_unit_id=hu,
                unit_id=dinkes if i % 2 else dishub, category="penolakan" if i % 3 == 0 else "penerimaan",
                status="diverifikasi" if i % 4 == 0 else ("selesai" if i % 5 == 0 else "diterima_upg"),
                status_changed_at=clock.utcnow(), is_open=not (i % 5 == 0 and i % 4 != 0),
                received_on=date(2026, 2, 1) + timedelta(days=i % 7),
                due_on=NO_DEADLINE if (i % 5 == 0 and i % 4 != 0) else date(2026, 3, 1) + timedelta(days=i % 6),
                created_at=clock.utcnow(),
            )
            db.session.add(case)
            db.session.flush()
            ids.append(case.id)
        db.session.commit()
        return ids


def _walk(officer: Officer, filters: queries.QueueFilters, page_size: int = 4) -> list[int]:
    seen, cursor = [], None
    while True:
        page = queries.queue_page(officer, filters, today=date(2026, 3, 3), soon_until=date(2026, 3, 5),
                                  cursor=cursor, page_size=page_size)
        seen += [c.id for c in page.rows]
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


def test_keyset_pages_cover_every_row_once_in_order_without_offset(app, world):
    _fill(app, world)
    statements = []
    with app.app_context():
        officer = world.officer("upg")
        everything = db.session.execute(select(CaseFile)).scalars().all()
        listener = lambda *args: statements.append((args[2], args[3]))  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            for sort in queries.SORTS:
                for scope in queries.SCOPES:
                    filters = queries.QueueFilters(sort=sort, scope=scope)
                    walked = _walk(officer, filters)
                    rows = [c for c in everything if scope == "semua" or c.is_open == (scope == "terbuka")]
                    key = (lambda c: (c.due_on, c.id)) if sort == "tenggat" else (lambda c: (c.received_on, c.id))
                    expected = [c.id for c in sorted(rows, key=key, reverse=sort == "terbaru")]
                    assert walked == expected, (sort, scope)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    # PostgreSQL gets no OFFSET at all; SQLite's compiler always writes "LIMIT ? OFFSET ?",
    # so there the offset must be 0 on every page.
    queue_queries = [(sql, params) for sql, params in statements if "FROM case_file" in sql]
    assert len(queue_queries) >= 9
    for sql, params in queue_queries:
        assert "OFFSET" not in sql.upper() or list(params)[-1] == 0


def test_filters(app, world):
    _fill(app, world)
    with app.app_context():
        officer = world.officer("upg")
        rows = db.session.execute(select(CaseFile)).scalars().all()

        def ids(**kwargs):
            return set(_walk(officer, queries.QueueFilters(scope="semua", **kwargs), page_size=50))

        assert ids(status="diverifikasi") == {c.id for c in rows if c.status == "diverifikasi"} != set()
        dinkes = world.unit_id("DINKES")
        assert ids(unit_id=dinkes) == {c.id for c in rows if c.unit_id == dinkes} != set()
        assert ids(category="penolakan") == {c.id for c in rows if c.category == "penolakan"} != set()
        assert ids(overdue=True) == {c.id for c in rows if c.due_on < date(2026, 3, 3)} != set()
        assert ids(due_soon=True) == {c.id for c in rows if date(2026, 3, 3) <= c.due_on <= date(2026, 3, 5)} != set()
        first = rows[0]
        first.assignee_id = officer.id
        add_recusal(rows[1], officer.id, RecusalBasis.konflik, clock.utcnow())
        db.session.commit()
        assert ids(mine=True) == {first.id}
        assert rows[1].id not in ids()


def test_the_web_queue_pages_with_a_cursor_and_refuses_a_bad_one(app, world):
    _fill(app, world, count=30)
    client = app.test_client()
    login(client, "upg")
    first = client.get("/perkara/?cakupan=semua").get_data(as_text=True)
    assert first.count("GRT-2026-") == 25 and 'rel="next"' in first
    import re

    next_url = re.search(r'href="([^"]*setelah=[^"]*)" rel="next"', first).group(1).replace("&amp;", "&")
    second = client.get(next_url).get_data(as_text=True)
    assert second.count("GRT-2026-") == 5 and 'rel="next"' not in second and "Halaman pertama" in second
    numbers = set(re.findall(r"GRT-2026-\d{6}", first)) | set(re.findall(r"GRT-2026-\d{6}", second))
    assert len(numbers) == 30
    assert client.get("/perkara/?setelah=bukan-kursor").status_code == 400
    # Filters are GET parameters that keep their values in the form.
    filtered = client.get("/perkara/?status=diverifikasi&urut=terbaru").get_data(as_text=True)
    assert '<option selected value="diverifikasi">' in filtered or 'value="diverifikasi" selected' in filtered
