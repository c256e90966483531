"""Precision, recall and F1 counts, and the table ``docket eval`` prints."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Counts:
    """True positives, and the sizes of the predicted and gold sets."""

    tp: float = 0.0
    predicted: float = 0.0
    gold: float = 0.0

    def add(self, tp: float, predicted: float, gold: float) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """A named table of counts per slot, with a summary line and free notes."""

    title: str
    rows: dict[str, Counts] = field(default_factory=dict)
    summary: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def row(self, name: str) -> Counts:
        return self.rows.setdefault(name, Counts())

    def micro(self) -> Counts:
        total = Counts()
        for counts in self.rows.values():
            total.add(counts.tp, counts.predicted, counts.gold)
        return total

    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.rows.values()) / len(self.rows) if self.rows else 0.0

    def render(self) -> str:
        width = max([len("slot"), *map(len, self.rows)])
        lines = [
            self.title,
            f"{'slot':<{width}}  {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}",
        ]
        for name, c in self.rows.items():
            lines.append(
                f"{name:<{width}}  {100 * c.precision:6.1f} {100 * c.recall:6.1f} "
                f"{100 * c.f1:6.1f} {c.gold:6.0f} {c.predicted:6.0f}"
            )
        for name, value in self.summary.items():
            lines.append(f"{name}: {value:.1f}")
        lines.extend(self.notes)
        return "\n".join(lines)
