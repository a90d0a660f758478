"""The ``diagram`` directive: drawn from translated words, with the same content in words."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT_ROOT
from lxml import html as lxml_html

from rightway_quiz.course.diagrams import load_diagram
from rightway_quiz.sphinxext.diagram_svg import DiagramWords, draw, text_width, wrap

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(figure: Any) -> list[str]:
    """The words drawn in a diagram, line by line."""
    return [" ".join(span.text_content().split()) for span in figure.iter("tspan")]


def figures(page: Path) -> list[Any]:
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    return tree.xpath('//figure[contains(@class, "rightway-diagram")]')


# -- layout --------------------------------------------------------------------


def test_wrapping_keeps_lines_inside_the_box_and_breaks_after_hyphens() -> None:
    lines, size = wrap("Equality and Non-discrimination", 130)
    assert all(text_width(line, size) <= 130 for line in lines)
    assert "Non-" in lines[-2] or lines[-2].endswith("Non-")
    assert lines[-1] == "discrimination"


def test_a_word_too_long_for_its_box_shrinks_rather_than_spills() -> None:
    lines, size = wrap("Gwrthwahaniaethuymhobmanynwastad", 120)
    assert lines == ["Gwrthwahaniaethuymhobmanynwastad"]
    assert text_width(lines[0], size) <= 120 + 1e-6
    assert size < 16


def _boxes(svg: str) -> list[tuple[float, float, float, float]]:
    return [
        tuple(float(v) for v in match)  # type: ignore[misc]
        for match in re.findall(
            r'<rect class="rightway-box[^"]*" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"',
            svg,
        )
    ]


@pytest.mark.parametrize("layout", ["ring", "flow"])
def test_longer_welsh_labels_grow_the_drawing_and_no_boxes_overlap(layout: str) -> None:
    def words(labels: list[str]) -> DiagramWords:
        return DiagramWords(
            key="k",
            layout=layout,
            title="t",
            summary="s",
            centre="Y plentyn a’i hawliau" if layout == "ring" else None,
            items=[(label, None, []) for label in labels],
        )

    short = draw(words(["One", "Two", "Three", "Four", "Five"]))
    long = draw(
        words(
            [
                "Gwreiddio hawliau plant",
                "Cydraddoldeb a Dim Gwahaniaethu",
                "Grymuso plant a phobl ifanc",
                "Cyfranogiad",
                "Atebolrwydd",
            ]
        )
    )
    height = lambda svg: float(re.search(r'viewBox="\S+ \S+ \S+ ([\d.]+)"', svg).group(1))  # noqa: E731
    assert height(long) > height(short)
    drawings = long.split("</svg>")[:-1]
    assert len(drawings) == (2 if layout == "ring" else 1)  # a ring adds a column for phones
    for drawing in drawings:
        _assert_apart(_boxes(drawing))


def _assert_apart(boxes: list[tuple[float, float, float, float]]) -> None:
    assert len(boxes) == 5
    for index, (x, y, w, h) in enumerate(boxes):
        for ox, oy, ow, oh in boxes[index + 1 :]:
            assert x + w <= ox or ox + ow <= x or y + h <= oy or oy + oh <= y


# -- Sphinx ----------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="diagrams")
def test_html_has_an_svg_with_role_name_and_the_words_beside_it(app: Any, warning: Any) -> None:
    app.build()
    assert warning.getvalue() == ""
    page = Path(app.outdir, "index.html")
    ring, flow = figures(page)
    svg = (
        ring.find(f".//{SVG}svg") if ring.find(f".//{SVG}svg") is not None else ring.find(".//svg")
    )
    assert svg.get("role") == "img"
    title_id = svg.get("aria-labelledby")
    assert ring.xpath(f'.//*[@id="{title_id}"]')[0].text_content() == "Principles"
    assert "Honesty &amp; &lt;openness&gt;" in page.read_text(encoding="utf-8")
    drawn = svg_texts(ring)
    assert drawn[drawn.index("discrimination") - 1].endswith("Non-")
    words = ring.xpath('.//details[contains(@class, "rightway-diagram-words")]')[0]
    assert words.get("open") is None
    assert "At the centre: The child" in words.text_content()
    assert "Listening – Hear the child first." in " ".join(words.text_content().split())
    flow_words = flow.xpath(".//details")[0]
    assert flow_words.get("open") is not None
    assert [li.text_content() for li in flow_words.xpath("./ol/li/ul/li")] == ["Ask an advocate"]
    # The diagrams' rules come with the stylesheet every page loads: no request of their own.
    assert 'href="_static/rightway.css' in page.read_text(encoding="utf-8")
    assert ".rightway-diagram-drawing" in (page.parent / "_static" / "rightway.css").read_text(
        encoding="utf-8"
    )


@pytest.mark.sphinx(
    "html", testroot="diagrams", srcdir="diagrams-cy", confoverrides={"language": "cy"}
)
def test_welsh_build_draws_the_welsh_words(app: Any) -> None:
    app.build()
    ring = figures(Path(app.outdir, "index.html"))[0]
    drawn = " ".join(svg_texts(ring))
    assert "Gwrando" in drawn and "Y plentyn" in drawn and "Listening" not in drawn
    assert ring.xpath(".//figcaption")[0].text_content() == "Egwyddorion"
    assert "Clywed y plentyn yn gyntaf." in ring.xpath(".//details")[0].text_content()


@pytest.mark.sphinx("gettext", testroot="diagrams", srcdir="diagrams-gettext")
def test_gettext_extracts_every_word_of_a_diagram(app: Any) -> None:
    app.build()
    pot = Path(app.outdir, "index.pot").read_text(encoding="utf-8")
    for text in (
        "Principles",
        "The child",
        "Hear the child first.",
        "Ask an advocate",
        "Speak up again",
    ):
        assert f'msgid "{text}"' in pot
    assert "diagrams/flow.yaml:" in pot


@pytest.mark.sphinx("text", testroot="diagrams", srcdir="diagrams-text")
def test_text_builder_gets_the_words(app: Any) -> None:
    app.build()
    text = Path(app.outdir, "index.txt").read_text(encoding="utf-8")
    assert "Three principles around the child." in text and "Ask an advocate" in text
    assert "<svg" not in text


def test_unknown_diagram_is_a_warning_with_its_location(make_app: Any, tmp_path: Path) -> None:
    (tmp_path / "src" / "quizzes").mkdir(parents=True)
    (tmp_path / "src" / "conf.py").write_text(
        'extensions = ["myst_parser", "rightway_quiz.sphinxext"]\nrightway_scenario_dir = "quizzes"\n'
    )
    (tmp_path / "src" / "index.md").write_text("# Page\n\n```{diagram} missing\n```\n")
    app = make_app("html", srcdir=tmp_path / "src")
    app.build()
    assert re.search(
        r"index\.md:3: WARNING: diagram 'missing': .*missing\.yaml: does not exist",
        app.warning.getvalue(),
    )


@pytest.mark.parametrize(
    "path", sorted((PROJECT_ROOT / "diagrams").glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_course_diagram_loads_and_draws(path: Path) -> None:
    model = load_diagram(path.parent, path.stem).model
    words = DiagramWords(
        key=model.id,
        layout=model.layout,
        title=model.title,
        summary=model.summary,
        centre=model.centre,
        loop=model.loop,
        items=[(item.label, item.caption, list(item.branches)) for item in model.items],
    )
    svg = draw(words)
    assert svg.count('role="img"') == (2 if model.layout == "ring" else 1)
    drawn = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    for item in model.items:
        assert item.label.split()[0] in drawn
