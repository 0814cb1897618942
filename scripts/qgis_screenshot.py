"""Draws the styled layers of a diagnostic.gpkg with QGIS (Debian's `qgis` and
`python3-qgis`, not installed by CI) as QGIS opens them, each with the default style
stored in the GeoPackage's `layer_styles` table, with their legend; writes a PNG.

    maillage diagnose data/lyon7 --out out --format gpkg --crs EPSG:2154
    xvfb-run -a /usr/bin/python3 scripts/qgis_screenshot.py out/diagnostic.gpkg docs/qgis_lyon7.png
"""

import sys

from qgis.core import (
    QgsApplication,
    QgsLayerTreeModel,
    QgsLegendRenderer,
    QgsLegendSettings,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsProject,
    QgsRenderContext,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

gpkg, png = sys.argv[1], sys.argv[2]
app = QgsApplication([], False)
app.initQgis()
layers = []
for name in ["zones", "ties", "actors"]:
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    assert layer.isValid(), name
    # the style QGIS applies on opening: the row of layer_styles with useAsDefault
    message, loaded = layer.loadDefaultStyle()
    assert loaded, (name, message)
    assert layer.renderer().type() == "RuleRenderer", (name, layer.renderer().type())
    print(name, layer.featureCount(), "features,", len(layer.renderer().rootRule().children()), "rules")
    layers.append(layer)
    QgsProject.instance().addMapLayer(layer)

width, height, legend_width = 900, 1000, 420
image = QImage(QSize(width + legend_width, height), QImage.Format_ARGB32)
image.fill(QColor("white"))
settings = QgsMapSettings()
settings.setLayers(list(reversed(layers)))  # actors on top, then ties, then zones
settings.setDestinationCrs(layers[0].crs())
settings.setExtent(layers[0].extent().buffered(150))
settings.setOutputSize(QSize(width, height))
settings.setBackgroundColor(QColor("white"))
painter = QPainter(image)
job = QgsMapRendererCustomPainterJob(settings, painter)
job.renderSynchronously()
root = QgsProject.instance().layerTreeRoot()
model = QgsLayerTreeModel(root)
legend = QgsLegendRenderer(model, QgsLegendSettings())
context = QgsRenderContext.fromQPainter(painter)
context.setScaleFactor(image.logicalDpiX() / 25.4)
painter.save()
painter.translate(width + 10, 10)
painter.scale(context.scaleFactor(), context.scaleFactor())
context.setPainter(painter)
context.setScaleFactor(1)
legend.drawLegend(context)
painter.restore()
painter.end()
image.save(png)
print("written", png)
QgsProject.instance().clear()
app.exitQgis()
