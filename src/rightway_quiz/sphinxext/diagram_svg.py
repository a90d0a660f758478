"""Draw a diagram as inline SVG from its (already translated) words.

Layout is computed here, not drawn by hand per language: Welsh labels are often
longer than English ones, so text is wrapped to the box and boxes grow to fit.
Colours come from CSS classes (``rightway.css``, Furo's variables) so the
drawing follows light mode, dark mode and print; the presentation attributes
written here (``currentColor``) are the fallback where that CSS is missing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

FONT_SIZE = 16.0
LINE_HEIGHT = 1.25 * FONT_SIZE
PADDING = 10.0
GAP = 12.0
MARGIN = 6.0

# Rough advance widths in em for a bold sans-serif face (DejaVu Sans Bold is among
# the widest a browser falls back to); wrapping errs on the wide side.
NARROW = frozenset("fijlrtI.,;:'’!|() ")
WIDE = frozenset("mwMW")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate, on the wide side, of ``text``'s width at ``size``."""
    ems = 0.0
    for char in text:
        if char in NARROW:
            ems += 0.40
        elif char in WIDE:
            ems += 1.0
        elif char.isupper():
            ems += 0.78
        else:
            ems += 0.69
    return ems * size


def _pieces(word: str) -> list[str]:
    """A word split after its hyphens: ``Non-discrimination`` may break as ``Non-`` + rest."""
    parts = word.split("-")
    return [part + "-" for part in parts[:-1]] + [parts[-1]] if len(parts) > 1 else [word]


def wrap(text: str, width: float, size: float = FONT_SIZE) -> tuple[list[str], float]:
    """Lines of ``text`` no wider than ``width``, and the font size that makes them fit.

    Words wrap at spaces, then at hyphens; a single word still too wide (Welsh has
    long ones) shrinks the text rather than spill out of its box.
    """
    words = [piece for word in text.split() for piece in _pieces(word)]
    widest = max((text_width(word, size) for word in words), default=0.0)
    if widest > width:
        size = size * width / widest
    lines: list[str] = []
    for word in words:
        joiner = "" if lines and lines[-1].endswith("-") else " "
        if lines and text_width(lines[-1] + joiner + word, size) <= width:
            lines[-1] += joiner + word
        else:
            lines.append(word)
    return lines, size


@dataclass
class Canvas:
    """SVG elements and the extent they cover."""

    parts: list[str] = field(default_factory=list)
    left: float = math.inf
    top: float = math.inf
    right: float = -math.inf
    bottom: float = -math.inf

    def cover(self, x: float, y: float, width: float, height: float) -> None:
        """Grow the extent to include a rectangle."""
        self.left, self.top = min(self.left, x), min(self.top, y)
        self.right, self.bottom = max(self.right, x + width), max(self.bottom, y + height)

    def text(
        self, lines: list[str], size: float, x: float, top: float, css: str = "rightway-label"
    ) -> None:
        """Centred lines of text whose first line's box starts at ``top``."""
        line_height = LINE_HEIGHT * size / FONT_SIZE
        spans = "".join(
            f'<tspan x="{x:.1f}" y="{top + line_height * (index + 0.78):.1f}">{escape(line)}</tspan>'
            for index, line in enumerate(lines)
        )
        self.parts.append(
            f'<text class="{css}" text-anchor="middle" font-size="{size:.1f}" '
            f'fill="currentColor">{spans}</text>'
        )

    def box(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        css: str = "rightway-box",
        radius: float = 8.0,
    ) -> None:
        """A rounded rectangle."""
        self.parts.append(
            f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{height:.1f}" rx="{radius:.1f}" fill="none" stroke="currentColor"/>'
        )
        self.cover(x, y, width, height)

    def line(
        self, points: list[tuple[float, float]], arrow: str | None, dashed: bool = False
    ) -> None:
        """A polyline, ending in the arrowhead marker ``arrow`` if given."""
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points)
        )
        marker = f' marker-end="url(#{arrow})"' if arrow else ""
        css = "rightway-link rightway-link-dashed" if dashed else "rightway-link"
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        self.parts.append(
            f'<path class="{css}" d="{path}" fill="none" stroke="currentColor"{dash}{marker}/>'
        )


@dataclass(frozen=True)
class Block:
    """A box's words, wrapped: a bold label and an optional caption."""

    label: list[str]
    label_size: float
    caption: list[str]
    caption_size: float

    @classmethod
    def of(cls, label: str, caption: str | None, width: float) -> Block:
        """Wrap ``label`` and ``caption`` to ``width``."""
        label_lines, label_size = wrap(label, width)
        caption_lines, caption_size = (
            wrap(caption, width, 0.875 * FONT_SIZE) if caption else ([], 0)
        )
        return cls(label_lines, label_size, caption_lines, caption_size)

    @property
    def height(self) -> float:
        """The height of the words, without padding."""
        label = len(self.label) * LINE_HEIGHT * self.label_size / FONT_SIZE
        caption = len(self.caption) * LINE_HEIGHT * self.caption_size / FONT_SIZE
        return label + caption

    def draw(self, canvas: Canvas, x: float, top: float) -> None:
        """Write the words centred on ``x`` from ``top`` down."""
        canvas.text(self.label, self.label_size, x, top, "rightway-label")
        if self.caption:
            below = top + len(self.label) * LINE_HEIGHT * self.label_size / FONT_SIZE
            canvas.text(self.caption, self.caption_size, x, below, "rightway-caption")


@dataclass(frozen=True)
class DiagramWords:
    """What a drawing needs: the words of each item, in the build's language."""

    key: str
    layout: str
    title: str
    summary: str
    items: list[tuple[str, str | None, list[str]]]
    centre: str | None = None
    loop: str | None = None


def draw(words: DiagramWords) -> str:
    """The diagram as ``<svg role="img">`` with a title and a description.

    A ring is too wide to read on a phone, so it comes twice: the wheel, and a
    column of the same boxes hanging from the centre; CSS shows one of them.
    """
    if words.layout == "ring":
        wheel, column = Canvas(), Canvas()
        _draw_ring(wheel, words)
        _draw_ring_column(column, words)
        return _svg(wheel, words, "wide") + _svg(column, words, "narrow")
    canvas = Canvas()
    if words.layout == "nested":
        _draw_nested(canvas, words)
    else:
        _draw_flow(canvas, words, f"{words.key}-arrow")
    return _svg(canvas, words, "any")


def _svg(canvas: Canvas, words: DiagramWords, variant: str) -> str:
    left, top = canvas.left - MARGIN, canvas.top - MARGIN
    width, height = canvas.right - canvas.left + 2 * MARGIN, canvas.bottom - canvas.top + 2 * MARGIN
    key = words.key if variant == "any" else f"{words.key}-{variant}"
    title_id, summary_id = f"{key}-title", f"{key}-summary"
    return (
        f'<svg class="rightway-diagram-drawing rightway-diagram-{variant}" role="img" '
        f'aria-labelledby="{title_id}" aria-describedby="{summary_id}" '
        f'viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">{escape(words.title)}</title>'
        f'<desc id="{summary_id}">{escape(words.summary)}</desc>'
        f'<defs><marker id="{words.key}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path class="rightway-arrowhead" d="M0,0 L10,5 L0,10 z" fill="currentColor"/>'
        "</marker></defs>" + "".join(canvas.parts) + "</svg>"
    )


# -- ring: items around a centre -----------------------------------------------

RING_BOX_WIDTH = 150.0
CENTRE_WIDTH = 112.0


def _draw_ring(canvas: Canvas, words: DiagramWords) -> None:
    blocks = [
        Block.of(label, caption, RING_BOX_WIDTH - 2 * PADDING) for label, caption, _ in words.items
    ]
    box_height = max(block.height for block in blocks) + 2 * PADDING
    centre = Block.of(words.centre or "", None, CENTRE_WIDTH)
    centre_radius = max(CENTRE_WIDTH / 2, centre.height / 2) + PADDING
    angles = [2 * math.pi * index / len(blocks) for index in range(len(blocks))]

    def place(radius: float) -> list[tuple[float, float]]:
        return [(radius * math.sin(angle), -radius * math.cos(angle)) for angle in angles]

    radius = centre_radius + box_height / 2
    while _ring_overlaps(place(radius), box_height, centre_radius):
        radius += 4.0
    centres = place(radius)
    canvas.parts.append(
        f'<circle class="rightway-rim" cx="0" cy="0" r="{radius:.1f}" fill="none" stroke="currentColor"/>'
    )
    for x, y in centres:
        canvas.line([(0, 0), (x, y)], None)
    canvas.parts.append(
        f'<circle class="rightway-centre" cx="0" cy="0" r="{centre_radius:.1f}" fill="none" '
        'stroke="currentColor"/>'
    )
    centre.draw(canvas, 0, -centre.height / 2)
    for block, (x, y) in zip(blocks, centres, strict=True):
        canvas.parts.append('<g class="rightway-node">')
        canvas.box(x - RING_BOX_WIDTH / 2, y - box_height / 2, RING_BOX_WIDTH, box_height)
        block.draw(canvas, x, y - block.height / 2)
        canvas.parts.append("</g>")


def _ring_overlaps(centres: list[tuple[float, float]], height: float, centre_radius: float) -> bool:
    half_w, half_h = RING_BOX_WIDTH / 2 + GAP / 2, height / 2 + GAP / 2
    for index, (x, y) in enumerate(centres):
        nearest_x = max(abs(x) - half_w, 0.0)
        nearest_y = max(abs(y) - half_h, 0.0)
        if math.hypot(nearest_x, nearest_y) < centre_radius + GAP / 2:
            return True
        for other_x, other_y in centres[index + 1 :]:
            if abs(x - other_x) < 2 * half_w and abs(y - other_y) < 2 * half_h:
                return True
    return False


COLUMN_WIDTH = 300.0
COLUMN_INDENT = 30.0


def _draw_ring_column(canvas: Canvas, words: DiagramWords) -> None:
    """The ring for narrow screens: the centre on top, the items hanging from it."""
    centre = Block.of(words.centre or "", None, COLUMN_WIDTH - 2 * PADDING)
    centre_height = centre.height + 2 * PADDING
    canvas.box(0, 0, COLUMN_WIDTH, centre_height, "rightway-centre", radius=centre_height / 2)
    centre.draw(canvas, COLUMN_WIDTH / 2, PADDING)
    width = COLUMN_WIDTH - COLUMN_INDENT
    spine = COLUMN_INDENT / 2
    top = centre_height + GAP
    for label, caption, _ in words.items:
        block = Block.of(label, caption, width - 2 * PADDING)
        height = block.height + 2 * PADDING
        canvas.line(
            [(spine, centre_height), (spine, top + height / 2), (COLUMN_INDENT, top + height / 2)],
            None,
        )
        canvas.parts.append('<g class="rightway-node">')
        canvas.box(COLUMN_INDENT, top, width, height)
        block.draw(canvas, COLUMN_INDENT + width / 2, top + PADDING)
        canvas.parts.append("</g>")
        top += height + GAP


# -- nested: each item inside the one before -------------------------------------

NESTED_WIDTH = 340.0
NESTED_INSET = 16.0


def _draw_nested(canvas: Canvas, words: DiagramWords) -> None:
    count = len(words.items)
    widths = [NESTED_WIDTH - 2 * NESTED_INSET * level for level in range(count)]
    blocks = [
        Block.of(label, caption, width - 2 * PADDING)
        for (label, caption, _), width in zip(words.items, widths, strict=True)
    ]
    heights = [0.0] * count
    for level in reversed(range(count)):
        inner = heights[level + 1] + PADDING if level + 1 < count else 0.0
        heights[level] = blocks[level].height + 2 * PADDING + inner
    top = 0.0
    for level, (block, width, height) in enumerate(zip(blocks, widths, heights, strict=True)):
        left = NESTED_INSET * level
        canvas.parts.append(f'<g class="rightway-node rightway-level-{level}">')
        canvas.box(left, top, width, height)
        block.draw(canvas, NESTED_WIDTH / 2, top + PADDING)
        canvas.parts.append("</g>")
        top += PADDING + block.height + PADDING


# -- flow: steps down the page, branches to the side --------------------------------

STEP_WIDTH = 200.0
BRANCH_WIDTH = 150.0
BRANCH_GAP = 28.0
STEP_GAP = 30.0
LOOP_LANE = 34.0


def _draw_flow(canvas: Canvas, words: DiagramWords, arrow: str) -> None:
    left = LOOP_LANE if words.loop else 0.0
    branch_x = left + STEP_WIDTH + BRANCH_GAP
    top = 0.0
    middles: list[float] = []
    previous_bottom: float | None = None
    for label, caption, branches in words.items:
        block = Block.of(label, caption, STEP_WIDTH - 2 * PADDING)
        side = [Block.of(branch, None, BRANCH_WIDTH - 2 * PADDING) for branch in branches]
        side_heights = [b.height + 2 * PADDING for b in side]
        step_height = block.height + 2 * PADDING
        side_total = sum(side_heights) + GAP * max(len(side) - 1, 0)
        row_height = max(step_height, side_total)
        step_top = top + (row_height - step_height) / 2
        if previous_bottom is not None:
            canvas.line(
                [(left + STEP_WIDTH / 2, previous_bottom), (left + STEP_WIDTH / 2, step_top)], arrow
            )
        canvas.parts.append('<g class="rightway-node">')
        canvas.box(left, step_top, STEP_WIDTH, step_height)
        block.draw(canvas, left + STEP_WIDTH / 2, step_top + PADDING)
        canvas.parts.append("</g>")
        middle = step_top + step_height / 2
        middles.append(middle)
        branch_top = top + (row_height - side_total) / 2
        for branch, height in zip(side, side_heights, strict=True):
            branch_middle = branch_top + height / 2
            canvas.line(
                [
                    (left + STEP_WIDTH, middle),
                    (branch_x - BRANCH_GAP / 2, middle),
                    (branch_x - BRANCH_GAP / 2, branch_middle),
                    (branch_x, branch_middle),
                ],
                arrow,
                dashed=True,
            )
            canvas.parts.append('<g class="rightway-node rightway-branch">')
            canvas.box(
                branch_x, branch_top, BRANCH_WIDTH, height, "rightway-box rightway-box-branch"
            )
            branch.draw(canvas, branch_x + BRANCH_WIDTH / 2, branch_top + PADDING)
            canvas.parts.append("</g>")
            branch_top += height + GAP
        previous_bottom = step_top + step_height
        top += row_height + STEP_GAP
    if words.loop:
        lane = LOOP_LANE / 2
        canvas.line(
            [(left, middles[-1]), (lane, middles[-1]), (lane, middles[0]), (left, middles[0])],
            arrow,
        )
        lines, size = wrap(words.loop, STEP_WIDTH, 0.875 * FONT_SIZE)
        below = top - STEP_GAP + PADDING / 2
        canvas.text(lines, size, left + STEP_WIDTH / 2, below, "rightway-caption rightway-loop")
        canvas.cover(left, below, STEP_WIDTH, len(lines) * LINE_HEIGHT * size / FONT_SIZE)
        canvas.cover(0, middles[0], 1, 1)
