"""maillage: the actors of local health coordination and their partnerships, on the map.

Loads a territory bundle (a folder of CSV, GeoJSON and a ``territory.toml``, see the
bundle format), checks every row, and diagnoses the network and its coverage::

    territory = maillage.load("data/lyon7")
    diagnosis = territory.diagnose()
    print(diagnosis.summary["actors"])
    diagnosis.write("out")  # maps, tables, graph files and the report

A bundle that breaks the format raises :class:`BundleError`, whose ``errors`` list
every :class:`Problem` with its file, line (or GeoJSON feature) and field. Messages
are in French unless :func:`set_language` (or ``LANG=en...``) chooses English; problem
codes never change.
"""

from maillage._maillage import BundleError, Diagnosis, KeyFigures, NetworkReport, Problem, Territory, __version__, get_language, import_file, load, set_language, territory_key_figures, write_comparison

# The methods written in Python (from_frames, to_networkx, to_pandas, to_geojson,
# to_geopandas), attached to the compiled classes.
from maillage import _methods  # noqa: F401  (imported for its effect)
from maillage.compare import Comparison, compare_territories
from maillage.frames import frame
from maillage.geocode import geocode
from maillage.interop import from_networkx
from maillage.routing import travel_times

__all__ = ["BundleError", "Comparison", "Diagnosis", "KeyFigures", "NetworkReport", "Problem", "Territory", "__version__", "compare_territories", "frame", "from_networkx", "geocode", "get_language", "import_file", "load", "set_language", "territory_key_figures", "travel_times", "write_comparison"]
