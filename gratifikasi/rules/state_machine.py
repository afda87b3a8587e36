"""The workflow engine: states, transitions and the one function that moves a case.

The machines themselves (gratification report, complaint) are data in
:mod:`gratifikasi.rules.workflow`; this module only knows how to validate such a table and
how to apply an action to a state. Everything that changes a case's status goes through
:func:`transition`, so a role or a missing reason is refused in one place.

Labels are Indonesian msgids and refusals :class:`~gratifikasi.rules.text.Text` messages, so
the page that shows them picks the language. The module is pure: no Flask, no SQLAlchemy.
Callers persist the returned state id themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .text import N_, Text

__all__ = [
    "Facts",
    "Guard",
    "ROLES",
    "IllegalTransition",
    "Role",
    "Sla",
    "State",
    "StateMachine",
    "Transition",
    "effective_sla_days",
    "transition",
]

Role = Literal["upg", "inspektorat", "reporter", "system"]
ROLES: frozenset[str] = frozenset({"upg", "inspektorat", "reporter", "system"})


@dataclass(frozen=True)
class Sla:
    """Default service-level deadline of a state, in working days (HK).

    ``setting_key`` names the setting an administrator may use to override
    the default; ``counted_from`` says where the clock starts:
    ``"received"`` (the case's receipt date), ``"state_entry"`` (the moment
    the case entered this state) or ``"completion_deadline"`` (the regulation's
    completion deadline of the report, counted from its legal anchor by
    :meth:`gratifikasi.rules.deadlines.DeadlineCalculator.completion`; the days
    and the setting do not apply). Several states may share one clock, e.g.
    the UPG's 10 HK to forward a report to KPK runs across receipt,
    verification and analysis.
    """

    working_days: int
    setting_key: str
    counted_from: Literal["received", "state_entry", "completion_deadline"]
    basis: str


@dataclass(frozen=True)
class State:
    """One state of a workflow, with officer and reporter-facing labels (msgids)."""

    id: str
    label: str
    public_label: str
    final: bool = False
    sla: Sla | None = None
    # Only meaningful for complaints (LKE PRE2 counting); None for gratification.
    classification: str | None = None


# What the caller knows about the case when it asks for an action: plain values (the report
# type, today's date, a deadline…), named by the guards that read them.
Facts = Mapping[str, object]


@dataclass(frozen=True)
class Guard:
    """A condition an action needs beyond state and role, and why it is refused otherwise.

    ``allows`` reads the case's facts and must answer False when a fact it needs is missing
    (fail closed); ``why_not`` is the message the officer or reporter is shown.
    """

    name: str
    allows: Callable[[Facts], bool]
    why_not: Text


@dataclass(frozen=True)
class Transition:
    """A named action moving a case from one of ``sources`` to ``target``."""

    name: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    reason_required: bool = False
    label: str = ""  # msgid
    guards: tuple[Guard, ...] = ()

    def refusal(self, facts: Facts) -> Guard | None:
        """The first guard the facts do not satisfy, or None when the action may run."""
        return next((guard for guard in self.guards if not guard.allows(facts)), None)


class IllegalTransition(Exception):
    """Raised when an action is not allowed; ``str(exc)`` is Indonesian, ``message`` translatable.

    ``kind`` is one of ``unknown_state``, ``unknown_action``,
    ``not_from_state``, ``role_not_allowed``, ``guard``, ``reason_required`` so that
    callers can react without parsing the message.
    """

    def __init__(self, kind: str, message: Text) -> None:
        super().__init__(str(message))
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class StateMachine:
    """A workflow: states, the initial state and the allowed transitions.

    The constructor validates the data (unknown states, duplicate
    ``(action, source)`` pairs, transitions leaving a final state) so that a
    mistake in the tables below fails at import time, not in production.
    """

    name: str
    initial: str
    states: Mapping[str, State]
    transitions: tuple[Transition, ...]
    _index: dict[tuple[str, str], Transition] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.initial not in self.states:
            raise ValueError(f"{self.name}: initial state {self.initial!r} is not defined")
        for key, state in self.states.items():
            if key != state.id:
                raise ValueError(f"{self.name}: state key {key!r} differs from id {state.id!r}")
        index: dict[tuple[str, str], Transition] = {}
        for tr in self.transitions:
            if not tr.roles or not tr.roles <= ROLES:
                raise ValueError(f"{self.name}.{tr.name}: bad roles {sorted(tr.roles)}")
            if tr.target not in self.states:
                raise ValueError(f"{self.name}.{tr.name}: unknown target {tr.target!r}")
            for src in tr.sources:
                if src not in self.states:
                    raise ValueError(f"{self.name}.{tr.name}: unknown source {src!r}")
                if self.states[src].final:
                    raise ValueError(f"{self.name}.{tr.name}: leaves final state {src!r}")
                if (tr.name, src) in index:
                    raise ValueError(f"{self.name}: duplicate transition {tr.name!r} from {src!r}")
                index[(tr.name, src)] = tr
        object.__setattr__(self, "_index", index)

    @property
    def actions(self) -> frozenset[str]:
        """Every action name used by this machine."""
        return frozenset(tr.name for tr in self.transitions)

    def state(self, state_id: str) -> State:
        """Return the :class:`State` for ``state_id`` (KeyError if unknown)."""
        return self.states[state_id]

    def find(self, current_state: str, action: str) -> Transition | None:
        """The transition for ``action`` from ``current_state``, if any."""
        return self._index.get((action, current_state))

    def available_actions(
        self, current_state: str, role: str | None = None, facts: Facts | None = None
    ) -> list[Transition]:
        """Transitions possible from ``current_state`` (optionally for ``role``); with
        ``facts``, only those whose guards allow them (without, the table's view)."""
        return [
            tr
            for (name, src), tr in self._index.items()
            if src == current_state and (role is None or role in tr.roles)
            and (facts is None or tr.refusal(facts) is None)
        ]

    def blocked_actions(self, current_state: str, role: str, facts: Facts) -> list[tuple[Transition, Guard]]:
        """Transitions the state and role would allow but a guard refuses, with that guard."""
        found = []
        for tr in self.available_actions(current_state, role):
            guard = tr.refusal(facts)
            if guard is not None:
                found.append((tr, guard))
        return found

    def reachable_from(self, start: str) -> frozenset[str]:
        """``start`` and every state the transitions can lead to from it."""
        seen, todo = {start}, [start]
        while todo:
            for tr in self.available_actions(todo.pop()):
                if tr.target not in seen:
                    seen.add(tr.target)
                    todo.append(tr.target)
        return frozenset(seen)

    def is_final(self, state_id: str) -> bool:
        return self.states[state_id].final

    def states_awaiting(self, role: str) -> frozenset[str]:
        """States in which ``role`` has a step of its own to take: a transition only that side
        performs. A state whose officer steps the reporter or the deadline job may also take
        (e.g. "perlu dilengkapi") waits for the reporter, not for the officer."""
        return frozenset(
            src for (_name, src), tr in self._index.items()
            if role in tr.roles and not tr.roles & {"reporter", "system"}
        )


def transition(
    machine: StateMachine,
    current_state: str,
    action: str,
    role: str,
    reason: str | None = None,
    facts: Facts | None = None,
) -> str:
    """Apply ``action`` performed by ``role``; return the new state id.

    Raises :class:`IllegalTransition` when the state or action is unknown,
    the action is not possible from ``current_state``, ``role`` may not
    perform it, a guard refuses it on ``facts`` (kind ``guard``; missing facts
    refuse), or it needs a reason and none (or only blanks) was given.
    """
    if current_state not in machine.states:
        raise IllegalTransition("unknown_state", Text(
            N_("Status '%(state)s' tidak dikenal dalam alur %(workflow)s."),
            {"state": current_state, "workflow": machine.name},
        ))
    if action not in machine.actions:
        raise IllegalTransition("unknown_action", Text(
            N_("Tindakan '%(action)s' tidak dikenal dalam alur %(workflow)s."),
            {"action": action, "workflow": machine.name},
        ))
    tr = machine.find(current_state, action)
    if tr is None:
        raise IllegalTransition("not_from_state", Text(
            N_("Tindakan '%(action)s' tidak dapat dilakukan pada status '%(state)s'."),
            {"action": action, "state": Text(machine.states[current_state].label)},
        ))
    if role not in tr.roles:
        raise IllegalTransition("role_not_allowed", Text(
            N_("Peran '%(role)s' tidak berwenang melakukan tindakan '%(action)s' (hanya: %(allowed)s)."),
            {"role": role, "action": action, "allowed": ", ".join(sorted(tr.roles))},
        ))
    guard = tr.refusal(facts or {})
    if guard is not None:
        raise IllegalTransition("guard", guard.why_not)
    if tr.reason_required and not (reason and reason.strip()):
        raise IllegalTransition("reason_required", Text(
            N_("Tindakan '%(action)s' wajib disertai alasan."), {"action": action}
        ))
    return tr.target


def effective_sla_days(state: State, overrides: Mapping[str, int] | None = None) -> int | None:
    """Working days allowed in ``state``: the settings override or the default."""
    if state.sla is None:
        return None
    if overrides and state.sla.setting_key in overrides:
        days = overrides[state.sla.setting_key]
        if days < 1:
            raise ValueError(f"SLA override for {state.sla.setting_key} must be ≥ 1 HK")
        return days
    return state.sla.working_days
