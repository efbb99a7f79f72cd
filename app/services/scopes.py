"""Staff roles and the scopes they hold them in.

Regions nest (province -> city -> district -> street); departments and halls each sit
in one region. A hall is shared by many departments (综合窗口), so it does not hang
under a department: department objects (service items, the applications for them) and
hall objects (windows, devices, tickets) are siblings under their region.

An object is located by its *path*, the (kind, id) pairs from the root down to it; a
device of hall 7 in district 12 of city 1 has the path
``(("region", 1), ("region", 12), ("hall", 7))`` and an item of department 3 in that
district ``(("region", 1), ("region", 12), ("department", 3))``.

A role is held within one scope: ``all`` (everywhere) or one node of the tree. The
scope covers an object when the node is on the object's path. Out of scope looks the
same as missing (404), so a staff member cannot even learn what exists elsewhere.

``CatalogTree`` reads the tree from the catalog tables, through each worker's reference cache
(a moved hall applies within ``REFERENCE_CACHE_SECONDS``; roles are read on every request, so a
revoked role applies at once); ``StaticTree`` is a tree from a parent map, which CatalogTree
answers with and the tests of the scope rules build directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import ColumnElement, literal, select, union_all

from app import reference_cache
from app.errors import InvalidInput
from app.extensions import db
from app.models.base import MAX_ID
from app.models.catalog import Department, Hall, Region
from app.services import audit

WINDOW_STAFF, DEPT_ADMIN, SUPERVISOR, SYS_ADMIN = "window_staff", "dept_admin", "supervisor", "sys_admin"
ROLES = (WINDOW_STAFF, DEPT_ADMIN, SUPERVISOR, SYS_ADMIN)
# Holding one of these needs a second factor (TOTP) at login.
ADMIN_ROLES = frozenset({DEPT_ADMIN, SYS_ADMIN})
# The role named in audit rows when someone holds several: the most powerful.
_PRECEDENCE = (SYS_ADMIN, DEPT_ADMIN, SUPERVISOR, WINDOW_STAFF)

ALL, REGION, DEPARTMENT, HALL = "all", "region", "department", "hall"
SCOPE_KINDS = (ALL, REGION, DEPARTMENT, HALL)
MAX_NODE_ID = MAX_ID

Node = tuple[str, int]
Path = tuple[Node, ...]


class Tree(Protocol):
    def path(self, kind: str, node_id: int) -> Path:
        """The nodes from the root down to and including (kind, node_id)."""
        ...

    def halls_under(self, kind: str, node_id: int) -> set[int]:
        """The ids of the halls at or below (kind, node_id)."""
        ...

    def department_paths(self) -> dict[int, Path]:
        """Every department's path, by id."""
        ...


_NODE_MODELS: dict[str, type[db.Model]] = {REGION: Region, DEPARTMENT: Department, HALL: Hall}


def node_exists(scope: Scope) -> bool:
    """``all``, or a region, department or hall that is in the catalog."""
    return scope.kind == ALL or db.session.get(_NODE_MODELS[scope.kind], scope.id) is not None


class CatalogTree:
    """The tree as the catalog tables hold it: one query reads every node's parent, and this worker keeps the map
    while fresh (app/reference_cache.py), so a scope check costs no round trip. A node the copy does not know but
    the catalog has (just created elsewhere) has the tree read again at once; one the catalog does not have either
    (a hall id 0, a deleted node) is its own root, for the price of one lookup, never of a whole tree."""

    def path(self, kind: str, node_id: int) -> Path:
        tree = self._tree()
        if (kind, node_id) not in tree.parents and kind in _NODE_MODELS and node_exists(Scope(kind, node_id)):
            reference_cache.forget(TREE_CACHE)
            tree = self._tree()
        return tree.path(kind, node_id)

    def department_paths(self) -> dict[int, Path]:
        return self._tree().department_paths()

    def halls_under(self, kind: str, node_id: int) -> set[int]:
        return self._tree().halls_under(kind, node_id)

    @staticmethod
    def _tree() -> StaticTree:
        return reference_cache.cached(TREE_CACHE, _read_tree)


def _read_tree() -> StaticTree:
    """Every region's, department's and hall's parent, in one round trip however large the tree."""
    nodes = union_all(
        select(literal(REGION), Region.id, Region.parent_id),
        select(literal(DEPARTMENT), Department.id, Department.region_id),
        select(literal(HALL), Hall.id, Hall.region_id),
    )
    return StaticTree(
        {
            (kind, node_id): None if parent_id is None else (REGION, parent_id)
            for kind, node_id, parent_id in db.session.execute(nodes)
        }
    )


@dataclass(frozen=True)
class StaticTree:
    """A tree from ``{child: parent}`` (roots map to None)."""

    parents: Mapping[Node, Node | None]

    def path(self, kind: str, node_id: int) -> Path:
        nodes: list[Node] = []
        node: Node | None = (kind, node_id)
        while node is not None and node not in nodes:
            nodes.append(node)
            node = self.parents.get(node)
        return tuple(reversed(nodes))

    def department_paths(self) -> dict[int, Path]:
        return {node_id: self.path(kind, node_id) for kind, node_id in self.parents if kind == DEPARTMENT}

    def halls_under(self, kind: str, node_id: int) -> set[int]:
        return {
            hall_id
            for hall_kind, hall_id in self.parents
            if hall_kind == HALL and (kind, node_id) in self.path(HALL, hall_id)
        } | ({node_id} if kind == HALL else set())


TREE_CACHE = "catalog_tree"  # its name in the reference cache
reference_cache.read_from(TREE_CACHE, Region.__tablename__, Department.__tablename__, Hall.__tablename__)
TREE: Tree = CatalogTree()


def hall_path(hall_id: int) -> Path:
    """Where a hall's objects (devices, windows, tickets) live."""
    return TREE.path(HALL, hall_id)


def department_path(department_id: int) -> Path:
    """Where a department's objects (service items, applications for them) live."""
    return TREE.path(DEPARTMENT, department_id)


def region_path(region_id: int) -> Path:
    """Where a region's own objects (its departments and halls as records) live."""
    return TREE.path(REGION, region_id)


@dataclass(frozen=True)
class Scope:
    kind: str
    id: int | None = None

    def covers(self, path: Path) -> bool:
        return self.kind == ALL or (self.kind, self.id) in path

    def contains(self, other: Scope) -> bool:
        """Everything ``other`` covers, this covers too."""
        if self.kind == ALL:
            return True
        if other.kind == ALL or other.id is None:
            return False
        return self.covers(TREE.path(other.kind, other.id))


@dataclass(frozen=True)
class Grant:
    """A role held within a scope."""

    role: str
    scope: Scope

    def as_dict(self) -> dict[str, object]:
        return {"role": self.role, "scope_kind": self.scope.kind, "scope_id": self.scope.id}


def grant(role: str, scope_kind: str, scope_id: int | None = None) -> Grant:
    """A validated grant; ``InvalidInput`` names what is wrong."""
    problems: dict[str, list[str]] = {}
    if role not in ROLES:
        problems["role"] = [f"Must be one of: {', '.join(ROLES)}."]
    if scope_kind not in SCOPE_KINDS:
        problems["scope_kind"] = [f"Must be one of: {', '.join(SCOPE_KINDS)}."]
    elif scope_kind == ALL and scope_id is not None:
        problems["scope_id"] = ["Must be empty for the scope 'all'."]
    elif scope_kind != ALL and (scope_id is None or not 1 <= scope_id <= MAX_NODE_ID):
        problems["scope_id"] = [f"Must be an id from 1 to {MAX_NODE_ID} for the scope '{scope_kind}'."]
    if problems:
        raise InvalidInput(details={"fields": problems})
    return Grant(role, Scope(scope_kind, scope_id))


@dataclass(frozen=True)
class StaffRights:
    """What one staff member may do right now: their roles as read from the database."""

    staff_id: int
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    @property
    def roles(self) -> set[str]:
        return {g.role for g in self.grants}

    def holds(self, *roles: str) -> bool:
        """Holds at least one of ``roles`` (any role at all when none are named)."""
        return bool(self.roles & set(roles or ROLES))

    def scopes(self, *roles: str) -> list[Scope]:
        return [g.scope for g in self.grants if g.role in roles]

    def covers(self, path: Path, *roles: str) -> bool:
        """One of ``roles`` is held in a scope that covers the object at ``path``."""
        return any(scope.covers(path) for scope in self.scopes(*roles))

    def contains(self, scope: Scope, *roles: str) -> bool:
        return any(mine.contains(scope) for mine in self.scopes(*roles))

    def halls(self, *roles: str) -> set[int] | None:
        """The halls whose objects ``roles`` reach; None means every hall."""
        halls: set[int] = set()
        for scope in self.scopes(*roles):
            if scope.kind == ALL:
                return None
            halls |= TREE.halls_under(scope.kind, scope.id or 0)
        return halls

    @property
    def main_role(self) -> str | None:
        return next((role for role in _PRECEDENCE if role in self.roles), None)

    def actor(self, role: str | None = None) -> audit.Actor:
        return audit.Actor("staff", self.staff_id, role or self.main_role)


def needs_second_factor(roles: Iterable[str]) -> bool:
    return bool(ADMIN_ROLES & set(roles))


def departments_covered(staff: StaffRights, *roles: str) -> list[int]:
    """The ids of the departments where ``staff`` holds one of ``roles`` (any role when none are named)."""
    wanted = roles or ROLES
    return [department_id for department_id, path in TREE.department_paths().items() if staff.covers(path, *wanted)]


@dataclass(frozen=True)
class RowScope:
    """Where a staff member may look, for filtering rows in SQL: these departments, these halls (None: all)."""

    departments: list[int]
    halls: set[int] | None

    def where(self, hall_column: Any, department_column: Any) -> ColumnElement[bool]:
        """Rows whose hall or whose department is in scope."""
        if self.halls is None:
            return hall_column.is_not(None) | department_column.in_(self.departments)
        return hall_column.in_(sorted(self.halls)) | department_column.in_(self.departments)


def row_scope(staff: StaffRights, *roles: str) -> RowScope:
    """The departments and halls where ``staff`` holds one of ``roles`` (any role when none are named)."""
    wanted = roles or ROLES
    return RowScope(departments_covered(staff, *wanted), staff.halls(*wanted))
