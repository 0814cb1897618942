"""Shapes of the plain dicts that :class:`maillage.Territory` returns, for type checkers.

They are ordinary ``dict`` objects at run time; these ``TypedDict`` classes only name
their keys and value types::

    from maillage.types import ActorDict
    def located(actors: list[ActorDict]) -> list[ActorDict]: ...
"""

from __future__ import annotations

import datetime
from typing import Any, Dict, List, Literal, Optional, TypedDict

__all__ = [
    "ActionDict",
    "ActorDict",
    "GeometryDict",
    "IndicatorDict",
    "LayerDict",
    "NeedDict",
    "RelationDict",
    "ZoneDict",
]

RelationKind = Literal[
    "member",
    "partner",
    "cofunding",
    "referral",
    "instance",
    "training",
    "resource",
    "communication",
]


class ActorDict(TypedDict):
    """One actor, a row of ``actors.csv``."""

    id: str
    name: str
    kind: str
    """Kind id of the taxonomy, e.g. ``"medecin_generaliste"``."""
    kind_label: str
    """French label of the kind, e.g. ``"Médecin généraliste"``."""
    sector: str
    family: str
    themes: List[str]
    """Themes as first written (compared case- and accent-insensitively by the core)."""
    lon: Optional[float]
    """WGS84 longitude in degrees (converted from Lambert-93 if need be); None when unlocated."""
    lat: Optional[float]
    """WGS84 latitude in degrees; None when unlocated."""
    capacity: float
    serves: List[str]
    """Zones the actor serves, as ``"layer:id"``."""
    accepting: Optional[bool]
    attributes: Dict[str, str]
    """Extra columns of the row, as written, in header order."""


class RelationDict(TypedDict):
    """One relation, a row of ``relations.csv``, stored directed source → target."""

    source: str
    """Actor id."""
    target: str
    """Actor id."""
    kind: RelationKind
    weight: float
    themes: List[str]
    since: Optional[datetime.date]
    """First day of validity, included."""
    until: Optional[datetime.date]
    """First day no longer valid, excluded."""
    attributes: Dict[str, str]


class ActionDict(TypedDict):
    """One joint action ("fiche action"), a row of ``actions.csv``."""

    id: str
    name: str
    themes: List[str]
    lead: List[str]
    """Actor ids."""
    partners: List[str]
    funders: List[str]
    zones: List[str]
    """Zones where the action takes place, as ``"layer:id"``."""
    start: Optional[datetime.date]
    end: Optional[datetime.date]
    """The last day of the action, included, as in ``actions.csv``."""
    attributes: Dict[str, str]


class NeedDict(TypedDict):
    """One need found by the local diagnosis, a row of ``needs.csv``."""

    zone: str
    """``"layer:id"``."""
    theme: str
    level: int
    """1 (watch) to 3 (priority)."""
    source: Optional[str]
    """Where the finding comes from; for a need raised from an indicator, the rule's
    indicator and threshold (``"indicateur tchom > 15 %"``)."""
    attributes: Dict[str, str]
    raised: bool
    """Whether a rule of the manifest (``[[needs_from_indicators]]``) raised the need
    from an indicator, rather than ``needs.csv`` holding it."""


class GeometryDict(TypedDict):
    """A GeoJSON MultiPolygon in WGS84 lon/lat (``__geo_interface__`` shape)."""

    type: Literal["MultiPolygon"]
    coordinates: List[List[List[List[float]]]]
    """Polygons, each a list of rings (exterior first), each a list of ``[lon, lat]``."""


class ZoneDict(TypedDict):
    """One zone, a feature of a layer file."""

    id: str
    name: str
    population: Optional[float]
    anchor_lon: float
    """Anchor point (centroid, or a point on the surface when the centroid falls outside)."""
    anchor_lat: float
    properties: Dict[str, Any]
    """Every property of the GeoJSON feature, as in the file."""
    indicators: Dict[str, Optional[float]]
    """The values of the layer's declared indicators, by property (None: no value)."""
    demand: Optional[float]
    """The age-weighted demand (population standardised by age), when the layer declares
    its demand by age (``[layers.NAME.demand]``); None otherwise."""
    demand_estimated: Optional[bool]
    """Whether that demand is estimated (a band missing: population × the layer's mean
    weight); None when the layer declares no demand by age."""
    geometry: GeometryDict


class IndicatorDict(TypedDict):
    """A numeric zone property declared as an indicator in the manifest
    (``[layers.NAME.indicators.PROPERTY]``)."""

    property: str
    label: str
    """The French text shown to coordinators."""
    unit: Optional[str]
    better: Literal["higher", "lower"]


class LayerDict(TypedDict):
    """One geographic layer, a GeoJSON file of the bundle."""

    name: str
    file: str
    priority: bool
    """Whether the layer marks priority zones (QPV-like)."""
    indicators: List[IndicatorDict]
    """The indicators declared on the layer, in manifest order."""
    zones: List[ZoneDict]
