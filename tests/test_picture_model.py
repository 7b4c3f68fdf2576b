"""The plain-data side of the pictures: which notes a graph keeps, what a chart counts."""

from __future__ import annotations

from typing import Any

from sphinx_papernotes.model import Collection, Note, Reference
from sphinx_papernotes.model.chart import MAX_MONTHS, MAX_YEARS, ChartSpec, chart_data
from sphinx_papernotes.model.graph import GraphSpec, build_graph, node_label
from sphinx_papernotes.model.selection import NoteQuery


def note(number: int, **fields: Any) -> Note:
    return Note(str(number), f"notes/{number}", 1, f"note-{number}", **fields)


def cites(source: int, *targets: int) -> list[Reference]:
    key = f"notes/{source}#note-{source}"
    return [Reference("note", str(target), f"notes/{source}", 5, key) for target in targets]


def chain(count: int) -> Collection:
    """1 ← 2 ← 3 ← … (each note cites the one before), and 1 cites itself."""
    refs = [ref for number in range(2, count + 1) for ref in cites(number, number - 1)]
    notes = [note(number, title=f"Paper {number}") for number in range(1, count + 1)]
    return Collection(notes, refs + cites(1, 1))


def test_depth_counts_steps_both_ways() -> None:
    collection = chain(6)
    one = build_graph(GraphSpec("3", 1), NoteQuery(), collection)
    assert [n.id for n in one.notes] == ["3", "2", "4"]
    assert one.edges == (
        ("notes/3#note-3", "notes/2#note-2"),
        ("notes/4#note-4", "notes/3#note-3"),
    )
    two = build_graph(GraphSpec("3", 2), NoteQuery(), collection)
    assert [n.id for n in two.notes] == ["3", "2", "4", "1", "5"]
    assert len(two.edges) == 4  # no self-reference edge


def test_cap_keeps_the_nearest_and_counts_what_it_cut() -> None:
    graph = build_graph(GraphSpec("3", 2, max_nodes=2), NoteQuery(), chain(6))
    assert [n.id for n in graph.notes] == ["3", "2"]
    assert [n.id for n in graph.left_out] == ["4", "1", "5"]
    assert graph.edges_left_out == 3


def test_a_filtered_graph_puts_the_best_connected_first() -> None:
    collection = chain(5)
    graph = build_graph(GraphSpec(max_nodes=3), NoteQuery(), collection)
    assert [n.id for n in graph.notes] == ["2", "3", "4"]  # two references each
    assert build_graph(GraphSpec("99"), NoteQuery(), collection).notes == ()


def test_short_labels_stop_at_a_word() -> None:
    long = note(1, title="Scaling Laws for Neural Language Models Revisited")
    assert node_label(long, "short") == "Scaling Laws for Neural…"
    assert node_label(long, "id") == "1"
    assert node_label(long, "title") == "Scaling Laws for Neural\nLanguage Models\nRevisited"
    assert node_label(note(2), "short") == "Note 2"


def test_time_axes_have_no_gaps_and_say_what_they_leave_out() -> None:
    notes = [
        note(1, year=2019, date="2024-11-02"),
        note(2, year=2022, date="2025-02-10"),
        note(3, date="2024-11-30"),
        note(4),
    ]
    years = chart_data(ChartSpec("year"), notes)
    assert years.categories == ("2019", "2020", "2021", "2022")
    assert years.series == (("notes", (1, 0, 0, 1)),)
    assert years.left_out == 2
    months = chart_data(ChartSpec("month"), notes)
    assert months.categories == ("2024-11", "2024-12", "2025-01", "2025-02")
    assert months.totals() == (2, 0, 0, 1)


def test_time_axes_over_extreme_dates_are_cut_to_the_most_recent() -> None:
    notes = [
        note(1, year=1000, date="1000-01-01"),
        note(2, year=9999, date="9999-12-31"),
        note(3, year=9999, date="9999-01-15"),
    ]
    months = chart_data(ChartSpec("month"), notes)
    assert len(months.categories) == MAX_MONTHS
    assert (months.categories[0], months.categories[-1]) == ("9990-01", "9999-12")
    assert sum(months.totals()) == 2 and (months.cut, months.left_out) == (1, 1)
    years = chart_data(ChartSpec("year"), notes)
    assert len(years.categories) == MAX_YEARS and years.categories[-1] == "9999"
    assert years.totals()[-1] == 2 and (years.cut, years.left_out) == (1, 1)
    ordinary = chart_data(ChartSpec("month"), notes[1:])
    assert ordinary.cut == 0 and ordinary.categories[0] == "9999-01"


def test_venues_stack_by_year_and_tags_keep_the_top() -> None:
    notes = [
        note(1, venue="ICLR", year=2021, tags=("A", "B")),
        note(2, venue="ICLR", year=2022, tags=("A",)),
        note(3, venue="ACL", tags=("C",)),
        note(4, venue="CVPR", year=2021),
    ]
    venues = chart_data(ChartSpec("venue", top=2), notes)
    assert venues.categories == ("ICLR", "ACL")
    assert venues.series == (("2021", (1, 0)), ("2022", (1, 0)), ("unknown", (0, 1)))
    assert venues.left_out == 1
    tags = chart_data(ChartSpec("tag", top=1), notes)
    assert tags.categories == ("A",)
    assert tags.series == (("notes", (2,)),)
    assert tags.left_out == 2
