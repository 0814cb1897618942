//! The catalogue: every message a person reads, once, in French and in English, with
//! its named placeholders (`{name}`). French quotes values « like this », English
//! "like this"; French puts a space before a colon. The words of another library or of
//! the system (`{detail}`: a TOML, JSON or CSV parser's message, an I/O error) cannot be
//! translated: the French text announces them as `[en anglais : ...]`.

use super::Lang;

macro_rules! catalogue {
    ($($key:ident { fr: $fr:literal, en: $en:literal $(,)? })*) => {
        /// A key of the catalogue: one message, with its French and English texts
        /// (each variant's documentation shows them).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Msg {
            $(
                #[doc = concat!("```text\n", $fr, "\n", $en, "\n```")]
                $key,
            )*
        }

        impl Msg {
            /// Every key, in the catalogue's order.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            /// The text in a language, with its placeholders.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Msg::$key, Lang::Fr) => $fr,
                        (Msg::$key, Lang::En) => $en,
                    )*
                }
            }
        }
    };
}

catalogue! {
    // The language itself.
    UnknownLanguage {
        fr: "langue inconnue « {value} » (attendu : fr ou en)",
        en: "unknown language \"{value}\" (expected fr or en)",
    }

    // What a value should be (the `{expected}` of the problems).
    ExpectedAnId {
        fr: "un identifiant",
        en: "an id",
    }

    // Problems of a bundle.
    EmptyValue {
        fr: "valeur vide (attendu : {expected})",
        en: "empty value (expected {expected})",
    }

    // The GIS formats (GeoPackage, GeoParquet).
    GisNotProjectable {
        fr: "{layer} : le point ({lon}, {lat}) ne peut pas être projeté en {crs} ; choisissez --crs EPSG:4326",
        en: "{layer}: the point ({lon}, {lat}) cannot be projected to {crs}; choose --crs EPSG:4326",
    }

    Colon {
        fr: " : ",
        en: ": ",
    }
    FeatureLocator {
        fr: "#entité {index}",
        en: "#feature {index}",
    }
    Clipped {
        fr: "{start}… ({count} caractères en tout)",
        en: "{start}… ({count} characters in all)",
    }
    OneError {
        fr: "1 erreur",
        en: "1 error",
    }
    ManyErrors {
        fr: "{count} erreurs",
        en: "{count} errors",
    }
    BundleHasErrors {
        fr: "le dossier du territoire a {errors}",
        en: "the bundle has {errors}",
    }
    EmptyFileNeedsHeader {
        fr: "le fichier est vide (attendu : une ligne d’en-tête, par exemple « id,name,kind »)",
        en: "the file is empty (expected a header row, e.g. \"id,name,kind\")",
    }
    DuplicateColumn {
        fr: "la colonne « {column} » apparaît deux fois (attendu : chaque colonne une seule fois)",
        en: "column \"{column}\" appears twice (expected each column once)",
    }
    TooManyLines {
        fr: "le fichier a {lines} lignes (attendu : au plus {max} lignes et l’en-tête ; découpez le territoire)",
        en: "the file has {lines} lines (expected at most {max} rows and the header; split the territory)",
    }
    RowWidth {
        fr: "la ligne a {fields} champs (attendu : {width}, autant que l’en-tête)",
        en: "the row has {fields} fields (expected {width}, as many as the header)",
    }
    CellsTooLarge {
        fr: "les cellules contiennent plus de 4 Gio de texte (attendu : un fichier plus petit ; découpez le territoire)",
        en: "the cells hold more than 4 GiB of text (expected a smaller file; split the territory)",
    }
    MissingColumn {
        fr: "la colonne obligatoire « {column} » est absente (attendu : les colonnes {expected} ; trouvé : {found})",
        en: "required column \"{column}\" is missing (expected columns {expected}; found {found})",
    }
    MissingColumnWithTabs {
        fr: "la colonne obligatoire « {column} » est absente (attendu : les colonnes {expected} ; trouvé : {found} ; l’en-tête contient des tabulations : enregistrez le fichier en CSV séparé par des virgules ou des points-virgules)",
        en: "required column \"{column}\" is missing (expected columns {expected}; found {found}; the header holds tabs: save the file as CSV with commas or semicolons)",
    }
    FormulaText {
        fr: "« {value} » serait exécuté comme une formule si ce tableau était ouvert dans un tableur (attendu : un texte qui ne commence pas par =, +, -, @, une tabulation ou un retour chariot ; gardé tel quel, et neutralisé par une apostrophe en tête dans les tableaux écrits pour les tableurs)",
        en: "\"{value}\" would run as a formula if this table were opened in a spreadsheet (expected text that does not start with =, +, -, @, a tab or a carriage return; kept as written, and neutralised with a leading apostrophe in the tables written for spreadsheets)",
    }
    MoreFormulaTexts {
        fr: "{count} autres cellules seraient exécutées comme des formules dans un tableur (attendu : un texte qui ne commence pas par =, +, -, @, une tabulation ou un retour chariot)",
        en: "{count} more cells would run as formulas in a spreadsheet (expected text that does not start with =, +, -, @, a tab or a carriage return)",
    }
    TooManyProblems {
        fr: "plus de {max} erreurs : la suite du fichier n’a pas été vérifiée (attendu : un fichier au format du dossier du territoire ; est-ce le bon fichier ?)",
        en: "more than {max} errors: the rest of the file was not checked (expected a file of the bundle format; is it the right file?)",
    }
    LineTooLong {
        fr: "la ligne contient {bytes} octets (attendu : au plus {max} octets, 1 Mio, par ligne ; le fichier est-il bien un CSV avec des sauts de ligne ?)",
        en: "the line holds {bytes} bytes (expected at most {max} bytes, 1 MiB, per line; is the file really CSV with line breaks?)",
    }
    UnreadableCsv {
        fr: "CSV illisible : [en anglais : {detail}] (attendu : des valeurs séparées par des virgules ou des points-virgules, aux guillemets équilibrés)",
        en: "unreadable CSV: {detail} (expected comma- or semicolon-separated values with balanced quotes)",
    }
    BadNumber {
        fr: "« {value} » n’est pas un nombre valable ici (attendu : {expected})",
        en: "\"{value}\" is not a valid number here (expected {expected})",
    }
    BadDate {
        fr: "« {value} » n’est pas une date ISO (attendu : AAAA-MM-JJ, par exemple 2024-06-30)",
        en: "\"{value}\" is not an ISO date (expected YYYY-MM-DD, e.g. 2024-06-30)",
    }
    BadBoolean {
        fr: "« {value} » n’est pas un booléen (attendu : oui ou non ; true/false, 1/0 sont acceptés)",
        en: "\"{value}\" is not a boolean (expected true or false; oui/non, 1/0 are accepted)",
    }
    ReadAsEncoding {
        fr: "lu comme {encoding} (attendu : UTF-8 ; enregistrez le fichier au format « CSV UTF-8 » pour faire taire cet avertissement)",
        en: "read as {encoding} (expected UTF-8; re-save the file as \"CSV UTF-8\" to silence this warning)",
    }
    NoSuchBundleFolder {
        fr: "ce dossier n’existe pas (attendu : un dossier du territoire contenant territory.toml, actors.csv et relations.csv)",
        en: "no such folder (expected a bundle folder holding territory.toml, actors.csv and relations.csv)",
    }
    LiesOutsideBundle {
        fr: "se trouve hors du dossier du territoire",
        en: "lies outside the bundle folder",
    }
    SymlinkOutsideBundle {
        fr: "est un lien symbolique vers {target}, hors du dossier du territoire",
        en: "is a symbolic link to {target}, outside the bundle folder",
    }
    OutsideBundle {
        fr: "{why} (attendu : un fichier dans le dossier du territoire {folder} ; un manifeste qui le veut vraiment indique allow_files_outside = true)",
        en: "{why} (expected a file inside the bundle folder {folder}; a manifest that means it says allow_files_outside = true)",
    }
    MoreThanLimit {
        fr: "davantage de",
        en: "more",
    }
    FileTooLarge {
        fr: "le fichier contient {size} octets (attendu : au plus {limit} octets, {mib} Mio, pour ce genre de fichier ; découpez le territoire ou simplifiez ses contours)",
        en: "the file holds {size} bytes (expected at most {limit} bytes, {mib} MiB, for this kind of file; split the territory or simplify its outlines)",
    }
    InBundleFolder {
        fr: "dans le dossier du territoire {folder}",
        en: "in the bundle folder {folder}",
    }
    AmongBundleFiles {
        fr: "parmi les fichiers du dossier du territoire",
        en: "among the bundle's files",
    }
    FileNotFound {
        fr: "fichier introuvable",
        en: "file not found",
    }
    CannotBeRead {
        fr: "illisible : [en anglais : {detail}]",
        en: "cannot be read: {detail}",
    }
    MissingFile {
        fr: "{why} (attendu : {file} {place})",
        en: "{why} (expected {file} {place})",
    }
    NoLayerNamed {
        fr: "aucune couche ne s’appelle « {name} » (attendu : l’une de {expected})",
        en: "no layer is named \"{name}\" (expected one of {expected})",
    }
    UnknownKind {
        fr: "type inconnu « {kind} » (attendu : un type de la taxonomie ; les plus proches : {closest})",
        en: "unknown kind \"{kind}\" (expected a kind of the taxonomy; closest: {closest})",
    }
    NoPartitionColumn {
        fr: "{file} n’a pas de colonne « {partition} » selon laquelle répartir les acteurs (attendu : sector, kind, family ou une colonne de {file})",
        en: "{file} has no column \"{partition}\" to partition actors by (expected sector, kind, family or a column of {file})",
    }
    BadZoneReference {
        fr: "« {text} » n’est pas une référence de zone (attendu : couche:id, par exemple {layer}:{text})",
        en: "\"{text}\" is not a zone reference (expected layer:id, e.g. {layer}:{text})",
    }
    NoLayerNamedIn {
        fr: "aucune couche ne s’appelle « {name} » dans « {text} » (attendu : l’une de {expected})",
        en: "no layer is named \"{name}\" in \"{text}\" (expected one of {expected})",
    }
    UnknownZone {
        fr: "la couche « {layer} » n’a pas de zone « {id} » (attendu : l’identifiant de l’une de ses {count} zones, par exemple {example})",
        en: "layer \"{layer}\" has no zone \"{id}\" (expected an id of its {count} zones, e.g. {example})",
    }
    ExpectedUniqueActorId {
        fr: "un identifiant d’acteur unique",
        en: "a unique actor id",
    }
    ExpectedDisplayName {
        fr: "un nom à afficher",
        en: "a display name",
    }
    ExpectedKind {
        fr: "un type de la taxonomie, par exemple medecin_generaliste",
        en: "a kind of the taxonomy, e.g. medecin_generaliste",
    }
    DuplicateActorId {
        fr: "l’identifiant d’acteur « {id} » est déjà utilisé ligne {first} (attendu : des identifiants uniques)",
        en: "actor id \"{id}\" is already used on line {first} (expected unique ids)",
    }
    UnknownSector {
        fr: "secteur inconnu « {sector} » (attendu : l’un de {expected})",
        en: "unknown sector \"{sector}\" (expected one of {expected})",
    }
    ExpectedCapacity {
        fr: "une capacité ≥ 0, par exemple 0,8 équivalent temps plein",
        en: "a capacity ≥ 0, e.g. 0.8 full-time equivalents",
    }
    ExpectedUniqueActionId {
        fr: "un identifiant d’action unique",
        en: "a unique action id",
    }
    ExpectedActionName {
        fr: "le nom de l’action",
        en: "the action's name",
    }
    ExpectedLeadActor {
        fr: "l’identifiant d’au moins un acteur pilote",
        en: "at least one lead actor id",
    }
    DuplicateActionId {
        fr: "l’identifiant d’action « {id} » est déjà utilisé ligne {first} (attendu : des identifiants uniques)",
        en: "action id \"{id}\" is already used on line {first} (expected unique ids)",
    }
    ExpectedZoneReference {
        fr: "une référence de zone couche:id",
        en: "a zone reference layer:id",
    }
    ExpectedTheme {
        fr: "un thème, par exemple santé mentale",
        en: "one theme, e.g. santé mentale",
    }
    ExpectedNeedLevel {
        fr: "1 (vigilance), 2 ou 3 (prioritaire)",
        en: "1 (watch), 2 or 3 (priority)",
    }
    WrongCrs {
        fr: "aucun des {located} acteurs localisés ne se trouve dans une zone d’une couche : les coordonnées de {file} sont-elles vraiment en {crs} ? (attendu : x/y dans le système de coordonnées que déclare le manifeste)",
        en: "none of the {located} located actors lies in a zone of any layer: are the coordinates of {file} really in {crs}? (expected x/y in the CRS the manifest declares)",
    }
    SwappedCoordinates {
        fr: "({x}, {y}) ne se trouve dans aucune zone mais ({y}, {x}) s’y trouverait : x et y semblent inversés (attendu : x = longitude, y = latitude)",
        en: "({x}, {y}) lies in no zone but ({y}, {x}) would: x and y look swapped (expected x = longitude, y = latitude)",
    }
    OutsideZones {
        fr: "l’acteur « {id} » en ({x}, {y}) ne se trouve dans aucune zone d’aucune couche ; il est gardé mais compté dans aucune zone (attendu : un lieu dans le territoire)",
        en: "the actor \"{id}\" at ({x}, {y}) lies in no zone of any layer; it is kept but counted in no zone (expected a location inside the territory)",
    }
    ExpectedActorId {
        fr: "un identifiant d’acteur",
        en: "an actor id",
    }
    ExpectedRelationKind {
        fr: "un type de relation",
        en: "a relation kind",
    }
    UnknownRelationKind {
        fr: "type de relation inconnu « {kind} » (attendu : l’un de {expected})",
        en: "unknown relation kind \"{kind}\" (expected one of {expected})",
    }
    ExpectedWeight {
        fr: "un nombre positif, 1 par défaut",
        en: "a positive number, default 1",
    }
    SelfRelation {
        fr: "une relation de « {id} » vers lui-même est gardée mais ignorée par les indicateurs du réseau (attendu : deux acteurs différents)",
        en: "a relation from \"{id}\" to itself is kept but ignored by network figures (expected two different actors)",
    }
    UnknownActor {
        fr: "aucun acteur n’a l’identifiant « {id} » (attendu : un identifiant de {file} ; majuscules et minuscules comptent)",
        en: "no actor has the id \"{id}\" (expected an id of {file}; ids are case-sensitive)",
    }
    EndNotAfterStart {
        fr: "{end} {shown} n’est pas après {start} {since} (attendu : {end} > {start} ; {end} est le premier jour où la relation ne vaut plus)",
        en: "{end} {shown} is not after {start} {since} (expected {end} > {start}; {end} is the first day no longer valid)",
    }
    EndBeforeStart {
        fr: "{end} {shown} est avant {start} {since} (attendu : {end} ≥ {start} ; {end} est le dernier jour)",
        en: "{end} {shown} is before {start} {since} (expected {end} ≥ {start}; {end} is the last day)",
    }
    HalfCoordinates {
        fr: "{given} est donné mais {missing} est vide (attendu : x et y, ou aucun des deux pour un acteur sans lieu fixe)",
        en: "{given} is given but {missing} is empty (expected both x and y, or neither for an actor without a fixed place)",
    }
    ExpectedCoordinate {
        fr: "une coordonnée",
        en: "a coordinate",
    }
    OutOfRangeLooksLambert93 {
        fr: "({x}, {y}) est hors limites. On dirait des mètres en Lambert-93 : indiquez crs = \"EPSG:2154\" dans territory.toml. (attendu : une longitude entre -180 et 180 et une latitude entre -90 et 90 degrés, comme le dit crs = \"EPSG:4326\")",
        en: "({x}, {y}) is out of range. They look like Lambert-93 metres: set crs = \"EPSG:2154\" in territory.toml. (expected longitude within ±180 and latitude within ±90 degrees, as crs = \"EPSG:4326\" says)",
    }
    OutOfRangeLooksWgs84 {
        fr: "({x}, {y}) est hors limites. On dirait des degrés : indiquez crs = \"EPSG:4326\" dans territory.toml. (attendu : des mètres en Lambert-93, comme le dit crs = \"EPSG:2154\")",
        en: "({x}, {y}) is out of range. They look like degrees: set crs = \"EPSG:4326\" in territory.toml. (expected Lambert-93 metres, as crs = \"EPSG:2154\" says)",
    }
    OutOfRangeWgs84 {
        fr: "({x}, {y}) est hors limites (attendu : une longitude entre -180 et 180 et une latitude entre -90 et 90 degrés, comme le dit crs = \"EPSG:4326\")",
        en: "({x}, {y}) is out of range (expected longitude within ±180 and latitude within ±90 degrees, as crs = \"EPSG:4326\" says)",
    }
    OutOfRangeLambert93 {
        fr: "({x}, {y}) est hors limites (attendu : des mètres en Lambert-93, comme le dit crs = \"EPSG:2154\")",
        en: "({x}, {y}) is out of range (expected Lambert-93 metres, as crs = \"EPSG:2154\" says)",
    }
    CannotConvert {
        fr: "({x}, {y}) ne peut pas être converti en WGS84 (attendu : un point de {crs})",
        en: "({x}, {y}) cannot be converted to WGS84 (expected a point of {crs})",
    }
    BadManifestToml {
        fr: "manifeste invalide : [en anglais : {detail}] (attendu : du TOML comme le décrit le format du dossier du territoire, par exemple format = 1)",
        en: "not a valid manifest: {detail} (expected TOML as in the bundle format, e.g. format = 1)",
    }
    ExpectedTerritoryName {
        fr: "un nom, par exemple name = \"Lyon 7e\"",
        en: "a name, e.g. name = \"Lyon 7e\"",
    }
    MissingNameKey {
        fr: "la clé « name » est absente (attendu : un nom montré dans les rapports, par exemple name = \"Lyon 7e arrondissement\")",
        en: "the key \"name\" is missing (expected a name shown in reports, e.g. name = \"Lyon 7e arrondissement\")",
    }
    ExpectedLayerName {
        fr: "un nom de couche",
        en: "a layer name",
    }
    ExpectedActorAttribute {
        fr: "un attribut des acteurs, comme « sector »",
        en: "an actor attribute such as \"sector\"",
    }
    MissingFormatKey {
        fr: "la clé « format » est absente (attendu : format = 1)",
        en: "the key \"format\" is missing (expected format = 1)",
    }
    UnsupportedFormat {
        fr: "le format de dossier du territoire {format} n’est pas pris en charge (attendu : format = {supported})",
        en: "bundle format {format} is not supported (expected format = {supported})",
    }
    NoLayerDeclared {
        fr: "aucune couche n’est déclarée (attendu : au moins une table [layers.NOM] avec file et id)",
        en: "no layer is declared (expected at least one [layers.NAME] table with file and id)",
    }
    ExpectedLayerPath {
        fr: "un chemin comme « zones/quartiers.geojson »",
        en: "a path such as \"zones/quartiers.geojson\"",
    }
    LayerPathOutside {
        fr: "« {path} » se trouve hors du dossier du territoire (attendu : un chemin à l’intérieur, comme « zones/quartiers.geojson » ; un manifeste qui le veut vraiment indique allow_files_outside = true)",
        en: "\"{path}\" lies outside the bundle folder (expected a path inside it, such as \"zones/quartiers.geojson\"; a manifest that means it says allow_files_outside = true)",
    }
    ExpectedIdProperty {
        fr: "la propriété qui porte l’identifiant de la zone",
        en: "the property holding the zone id",
    }
    LayerKeyMissing {
        fr: "la couche « {layer} » n’a pas de « {key} » (attendu : {key} = \"...\")",
        en: "layer \"{layer}\" has no \"{key}\" (expected {key} = \"...\")",
    }
    ExpectedNameProperty {
        fr: "la propriété qui porte le nom à afficher",
        en: "the property holding the display name",
    }
    ExpectedPopulationProperty {
        fr: "la propriété qui porte la population",
        en: "the property holding the population",
    }
    BadCatchment {
        fr: "{value} n’est pas une distance d’attraction (attendu : un nombre positif de mètres, par exemple 2000)",
        en: "{value} is not a catchment distance (expected a positive number of metres, e.g. 2000)",
    }
    BadSolicitationThreshold {
        fr: "{value} n’est pas un seuil de sollicitation (attendu : un nombre entier d’instances et d’actions communes, au moins 1, par exemple 5)",
        en: "{value} is not a solicitation threshold (expected a whole number of bodies and joint actions, at least 1, e.g. 5)",
    }
    BadPathway {
        fr: "ce n’est pas un parcours (attendu : themes = une liste de thèmes, entry_kinds et specialised_kinds = des listes non vides de types, par exemple entry_kinds = [\"pmi\"], specialised_kinds = [\"orthophoniste\"])",
        en: "not a pathway (expected themes = a list of themes, entry_kinds and specialised_kinds = non-empty lists of kinds, e.g. entry_kinds = [\"pmi\"], specialised_kinds = [\"orthophoniste\"])",
    }
    BadIndicator {
        fr: "indicateur « {property} » : {value} n’est pas une déclaration d’indicateur (attendu : label = un texte, better = \"higher\" ou \"lower\", unit = un texte facultatif, par exemple label = \"Taux de pauvreté\", unit = \"%\", better = \"lower\")",
        en: "indicator \"{property}\": {value} is not an indicator declaration (expected label = a text, better = \"higher\" or \"lower\", unit = an optional text, e.g. label = \"Taux de pauvreté\", unit = \"%\", better = \"lower\")",
    }
    ReservedIndicatorName {
        fr: "indicateur « {property} » : ce nom est celui d’une colonne que les sorties des zones donnent déjà (population, actors, count_…, access_…) ; renommez la propriété dans la couche",
        en: "indicator \"{property}\": this name is one of a column the zone outputs already give (population, actors, count_…, access_…); rename the property in the layer",
    }
    UnknownIndicatorProperty {
        fr: "[layers.{layer}.indicators.{property}] : aucune entité de {file} n’a de propriété « {property} » (attendu : une propriété numérique des entités de la couche)",
        en: "[layers.{layer}.indicators.{property}]: no feature of {file} has a property \"{property}\" (expected a numeric property of the layer's features)",
    }
    BadIndicatorValue {
        fr: "zone « {id} », indicateur « {property} » : {value} n’est pas un nombre (attendu : un nombre, ou null pour une zone sans valeur)",
        en: "zone \"{id}\", indicator \"{property}\": {value} is not a number (expected a number, or null for a zone without a value)",
    }
    // Needs raised from an indicator (`[[needs_from_indicators]]`).
    NeedRuleNotTable {
        fr: "[[needs_from_indicators]] n° {number} : {value} n’est pas une règle (attendu : une table indicator = \"tchom\", above = 15, theme = \"insertion\", level = 2)",
        en: "[[needs_from_indicators]] no. {number}: {value} is not a rule (expected a table indicator = \"tchom\", above = 15, theme = \"insertion\", level = 2)",
    }
    NeedRuleUnknownKey {
        fr: "[[needs_from_indicators]] n° {number} : clé inconnue « {key} » (attendu : layer, indicator, above ou below, theme, level, zones)",
        en: "[[needs_from_indicators]] no. {number}: unknown key \"{key}\" (expected layer, indicator, above or below, theme, level, zones)",
    }
    NeedRuleBadText {
        fr: "[[needs_from_indicators]] n° {number} : {key} absent ou qui n’est pas un texte ({value}) (attendu : un texte non vide, par exemple indicator = \"tchom\", theme = \"insertion\")",
        en: "[[needs_from_indicators]] no. {number}: {key} missing or not a text ({value}) (expected a non-empty text, e.g. indicator = \"tchom\", theme = \"insertion\")",
    }
    NeedRuleBadThreshold {
        fr: "[[needs_from_indicators]] n° {number} : {key} = {value} n’est pas un nombre (attendu : un nombre fini, par exemple above = 15 ou below = 7.5)",
        en: "[[needs_from_indicators]] no. {number}: {key} = {value} is not a number (expected a finite number, e.g. above = 15 or below = 7.5)",
    }
    NeedRuleOneThreshold {
        fr: "[[needs_from_indicators]] n° {number} : la règle donne ni above ni below, ou les deux (attendu : exactement l’un des deux, above = X pour les zones au-dessus de X, below = X pour celles en dessous)",
        en: "[[needs_from_indicators]] no. {number}: the rule gives neither above nor below, or both (expected exactly one, above = X for the zones above X, below = X for those under it)",
    }
    NeedRuleBadLevel {
        fr: "[[needs_from_indicators]] n° {number} : level = {value} (attendu : 1 (veille), 2 ou 3 (prioritaire))",
        en: "[[needs_from_indicators]] no. {number}: level = {value} (expected 1 (watch), 2 or 3 (priority))",
    }
    NeedRuleBadZones {
        fr: "[[needs_from_indicators]] n° {number} : zones = {value} (attendu : une liste non vide de zones « couche:id », par exemple zones = [\"iris:693870101\"])",
        en: "[[needs_from_indicators]] no. {number}: zones = {value} (expected a non-empty list of \"layer:id\" zones, e.g. zones = [\"iris:693870101\"])",
    }
    NeedRuleUnknownLayer {
        fr: "[[needs_from_indicators]] n° {number} : pas de couche « {layer} » (attendu : l’une de {expected})",
        en: "[[needs_from_indicators]] no. {number}: no layer \"{layer}\" (expected one of {expected})",
    }
    NeedRuleUnknownIndicator {
        fr: "[[needs_from_indicators]] n° {number} : aucune couche ne déclare l’indicateur « {indicator} » (attendu : l’un des indicateurs déclarés par [layers.NOM.indicators.PROPRIÉTÉ] : {expected})",
        en: "[[needs_from_indicators]] no. {number}: no layer declares the indicator \"{indicator}\" (expected one of the indicators declared by [layers.NAME.indicators.PROPERTY]: {expected})",
    }
    NeedRuleLayerLacksIndicator {
        fr: "[[needs_from_indicators]] n° {number} : la couche « {layer} » ne déclare pas l’indicateur « {indicator} » (attendu : l’un de ses indicateurs déclarés par [layers.{layer}.indicators.PROPRIÉTÉ] : {expected})",
        en: "[[needs_from_indicators]] no. {number}: the layer \"{layer}\" does not declare the indicator \"{indicator}\" (expected one of its indicators declared by [layers.{layer}.indicators.PROPERTY]: {expected})",
    }
    NeedRuleAmbiguousIndicator {
        fr: "[[needs_from_indicators]] n° {number} : l’indicateur « {indicator} » est déclaré par plusieurs couches ({layers}) (attendu : layer = l’une d’elles)",
        en: "[[needs_from_indicators]] no. {number}: the indicator \"{indicator}\" is declared by several layers ({layers}) (expected layer = one of them)",
    }
    NeedRuleZone {
        fr: "[[needs_from_indicators]] n° {number} : zones : {problem}",
        en: "[[needs_from_indicators]] no. {number}: zones: {problem}",
    }
    NeedRuleZoneOtherLayer {
        fr: "la zone « {zone} » n’est pas de la couche « {layer} » de la règle (attendu : des zones « {layer}:id »)",
        en: "the zone \"{zone}\" is not of the rule's layer \"{layer}\" (expected \"{layer}:id\" zones)",
    }
    SummaryNeedsRaised {
        fr: "  dont {raised} besoins levés d’un indicateur par une règle du manifeste ([[needs_from_indicators]])",
        en: "  of which {raised} needs raised from an indicator by a rule of the manifest ([[needs_from_indicators]])",
    }
    NeedRaisedSource {
        fr: "indicateur {indicator} {sign} {threshold}",
        en: "indicator {indicator} {sign} {threshold}",
    }

    BadCapacityUnit {
        fr: "[analysis.capacity_unit] {kind} : {value} n’est pas une unité de capacité (attendu : {expected})",
        en: "[analysis.capacity_unit] {kind}: {value} is not a unit of capacity (expected {expected})",
    }

    // Demand by age (`[layers.NAME.demand]`, docs/bundle.md "Demand by age").
    BadDemand {
        fr: "[layers.{layer}.demand] : {value} n’est pas une déclaration de demande par âge (attendu : counts = une liste de colonnes du recensement INSEE comme \"P21_POP0014\", ou une table PROPRIÉTÉ = \"0-14\" ; ou shares = une table PROPRIÉTÉ = \"0-14\" de parts en % de la population ; et weights = \"drees-apl-mg-2023\", \"drees-apl-mg-2022\" ou une table \"0-14\" = poids)",
        en: "[layers.{layer}.demand]: {value} is not a declaration of demand by age (expected counts = a list of INSEE census columns such as \"P21_POP0014\", or a table PROPERTY = \"0-14\"; or shares = a table PROPERTY = \"0-14\" of shares in % of the population; and weights = \"drees-apl-mg-2023\", \"drees-apl-mg-2022\" or a table \"0-14\" = weight)",
    }
    UnknownDemandPreset {
        fr: "[layers.{layer}.demand] : jeu de poids inconnu « {value} » (attendu : {expected}, ou une table \"0-14\" = poids)",
        en: "[layers.{layer}.demand]: unknown set of weights \"{value}\" (expected {expected}, or a table \"0-14\" = weight)",
    }
    BadAgeRange {
        fr: "[layers.{layer}.demand] : « {value} » n’est pas une tranche d’âge (attendu par exemple \"0-14\" ou \"75+\", en années révolues)",
        en: "[layers.{layer}.demand]: \"{value}\" is not an age range (expected e.g. \"0-14\" or \"75+\", in whole years)",
    }
    NotInseeAgeColumn {
        fr: "[layers.{layer}.demand] : l’âge de la colonne « {column} » ne se lit pas dans son nom (attendu PAA_POPaabb ou PAA_POPaaP, comme P21_POP0014 ou P21_POP75P) ; donnez-le : counts = une table \"{column}\" = \"0-14\"",
        en: "[layers.{layer}.demand]: the ages of column \"{column}\" cannot be read from its name (expected PYY_POPaabb or PYY_POPaaP, such as P21_POP0014 or P21_POP75P); give them: counts = a table \"{column}\" = \"0-14\"",
    }
    BadDemandWeight {
        fr: "[layers.{layer}.demand] : le poids de la tranche {ages} est {value} (attendu : un nombre ≥ 0)",
        en: "[layers.{layer}.demand]: the weight of ages {ages} is {value} (expected a number ≥ 0)",
    }
    DemandBandsGap {
        fr: "[layers.{layer}.demand] : aucune tranche ne couvre les âges {ages} (attendu : chaque âge dans une tranche)",
        en: "[layers.{layer}.demand]: no band covers ages {ages} (expected every age in a band)",
    }
    DemandWeightsGap {
        fr: "[layers.{layer}.demand] : aucun poids n’est donné pour les âges {ages} (attendu : des poids couvrant chaque âge une fois)",
        en: "[layers.{layer}.demand]: no weight is given for ages {ages} (expected weights covering every age once)",
    }
    DemandBandsOverlap {
        fr: "[layers.{layer}.demand] : les tranches {bands} se chevauchent et les âges {ages} n’en peuvent être isolés (attendu : des tranches disjointes, ou dont la différence de deux tranches de même début ou de même fin isole chaque âge)",
        en: "[layers.{layer}.demand]: bands {bands} overlap and ages {ages} cannot be isolated from them (expected disjoint bands, or bands where the difference of two starting or ending at the same age isolates every age)",
    }
    DemandWeightsOverlap {
        fr: "[layers.{layer}.demand] : les poids des tranches {bands} se chevauchent sur les âges {ages} (attendu : des poids couvrant chaque âge une fois)",
        en: "[layers.{layer}.demand]: the weights of ages {bands} overlap on ages {ages} (expected weights covering every age once)",
    }
    DemandBandNotAligned {
        fr: "[layers.{layer}.demand] : la tranche {ages} ne commence ou ne finit pas sur une limite des tranches de poids (attendu : des limites parmi celles de {grid} ; regroupez les tranches)",
        en: "[layers.{layer}.demand]: band {ages} does not start or end on a bound of the weights' bands (expected bounds among those of {grid}; merge bands)",
    }
    DemandCoarseBands {
        fr: "[layers.{layer}.demand] : des tranches plus larges que celles des poids reçoivent la moyenne simple des poids qu’elles couvrent : {bands} (attendu, pour appliquer les poids tels quels : des tranches aussi fines que les leurs)",
        en: "[layers.{layer}.demand]: bands wider than the weights' bands get the plain mean of the weights they cover: {bands} (expected, to apply the weights as they are: bands as fine as theirs)",
    }
    UnknownDemandProperty {
        fr: "[layers.{layer}.demand] : aucune entité de {file} n’a de propriété « {property} » (attendu : la propriété de chaque tranche d’âge dans les entités de la couche)",
        en: "[layers.{layer}.demand]: no feature of {file} has a property \"{property}\" (expected the property of each age band in the layer's features)",
    }
    BadDemandValue {
        fr: "zone « {id} », tranche d’âge « {property} » : {value} n’est pas un nombre (attendu : un nombre de personnes, ou une part en %)",
        en: "zone \"{id}\", age band \"{property}\": {value} is not a number (expected a number of people, or a share in %)",
    }
    NegativeDemandCount {
        fr: "zone « {id} », tranche d’âge « {property} » : {value} personnes (attendu : un nombre ≥ 0)",
        en: "zone \"{id}\", age band \"{property}\": {value} people (expected a number ≥ 0)",
    }
    DemandShareOutOfRange {
        fr: "zone « {id} », tranche d’âge « {property} » : part de {value} % (attendu : entre 0 et 100)",
        en: "zone \"{id}\", age band \"{property}\": a share of {value} % (expected between 0 and 100)",
    }
    NegativeDemandPart {
        fr: "zone « {id} » : les âges {ages} valent {value} par différence des tranches déclarées (attendu : ≥ 0 ; une tranche cumulée est plus petite que celle qu’elle contient)",
        en: "zone \"{id}\": ages {ages} come to {value} by difference of the declared bands (expected ≥ 0; a cumulative band is smaller than one it holds)",
    }
    MissingDemandBand {
        fr: "zone « {id} » : pas de valeur pour la tranche d’âge « {property} » ; sa demande est estimée à sa population × le poids moyen de la couche ({ratio}) (attendu : une valeur pour chaque tranche)",
        en: "zone \"{id}\": no value for age band \"{property}\"; its demand is estimated as its population × the layer's mean weight ({ratio}) (expected a value for every band)",
    }
    CoverageDemandNote {
        fr: "accès par habitant standardisé : la demande de la couche {layer} est sa population pondérée par âge ({weights}), pas sa population brute ; la densité reste par habitant",
        en: "access per standardised inhabitant: the demand of layer {layer} is its population weighted by age ({weights}), not its raw population; density stays per inhabitant",
    }
    CoverageDemandEstimated {
        fr: "{count} zone(s) de la couche {layer} sans toutes leurs tranches d’âge : demande estimée à population × poids moyen de la couche ({ratio}) : {zones}",
        en: "{count} zone(s) of layer {layer} without all their age bands: demand estimated as population × the layer's mean weight ({ratio}): {zones}",
    }
    UserDemandWeights {
        fr: "poids de l’utilisateur",
        en: "the user's weights",
    }
    ExpectedUnknownGroup {
        fr: "« {id} » n’est ni un type, ni un secteur, ni une famille de la taxonomie (attendu par exemple : [expected.association_patients])",
        en: "\"{id}\" is neither a kind, a sector nor a family of the taxonomy (expected e.g. [expected.association_patients])",
    }
    BadExpectation {
        fr: "{value} n’est pas une attente (attendu : per_10000 = une densité pour 10 000 habitants, au moins 0, et/ou at_least = un nombre entier d’acteurs, par exemple per_10000 = 0.5)",
        en: "{value} is not an expectation (expected per_10000 = a density per 10,000 inhabitants, at least 0, and/or at_least = a whole number of actors, e.g. per_10000 = 0.5)",
    }
    BadRequiredKinds {
        fr: "ce n’est pas une liste de types (attendu par exemple : required = [\"medecin_generaliste\", \"pharmacie\"])",
        en: "not a list of kind ids (expected e.g. required = [\"medecin_generaliste\", \"pharmacie\"])",
    }
    BadAccessMethod {
        fr: "{value} n’est pas une méthode d’accessibilité (attendu : l’une de {expected})",
        en: "{value} is not an access method (expected one of {expected})",
    }
    NotAUsableText {
        fr: "{value} n’est pas un texte utilisable (attendu : {expected})",
        en: "{value} is not a usable text (expected {expected})",
    }
    NotABooleanValue {
        fr: "{value} n’est pas un booléen (attendu : true ou false)",
        en: "{value} is not a boolean (expected true or false)",
    }
    BadCrs {
        fr: "{value} n’est pas un système de coordonnées pris en charge (attendu : « EPSG:4326 » pour des degrés de longitude et latitude, ou « EPSG:2154 » pour des mètres en Lambert-93)",
        en: "{value} is not a supported CRS (expected \"EPSG:4326\" for lon/lat degrees or \"EPSG:2154\" for Lambert-93 metres)",
    }
    ExpectedLabel {
        fr: "un libellé en français",
        en: "a French label",
    }
    NewSectorWithoutLabel {
        fr: "le nouveau secteur « {id} » n’a pas de libellé (attendu : label = \"...\")",
        en: "new sector \"{id}\" has no label (expected label = \"...\")",
    }
    ExpectedSectorId {
        fr: "un identifiant de secteur",
        en: "a sector id",
    }
    ExpectedFamilyId {
        fr: "un identifiant de famille",
        en: "a family id",
    }
    UnknownFamily {
        fr: "famille inconnue « {family} » (attendu : l’une de {expected})",
        en: "unknown family \"{family}\" (expected one of {expected})",
    }
    NewKindIncomplete {
        fr: "le nouveau type « {id} » demande label, sector et family (attendu par exemple : label = \"Médiatrice santé\", sector = \"social\", family = \"professional\")",
        en: "new kind \"{id}\" needs label, sector and family (expected e.g. label = \"Médiatrice santé\", sector = \"social\", family = \"professional\")",
    }
    InvalidJson {
        fr: "JSON invalide : [en anglais : {detail}] (attendu : une FeatureCollection GeoJSON)",
        en: "not valid JSON: {detail} (expected a GeoJSON FeatureCollection)",
    }
    MissingIdProperty {
        fr: "l’entité n’a pas de propriété « {property} » (attendu : l’identifiant de la zone, comme le dit le manifeste : id = \"{property}\")",
        en: "the feature has no \"{property}\" property (expected the zone id, as the manifest says: id = \"{property}\")",
    }
    DuplicateZoneId {
        fr: "l’identifiant de zone « {id} » est déjà utilisé par l’entité {first} (attendu : des identifiants uniques dans la couche)",
        en: "zone id \"{id}\" is already used by feature {first} (expected ids unique in the layer)",
    }
    LayerWithoutFeature {
        fr: "la couche n’a aucune entité (attendu : une entité Polygon ou MultiPolygon par zone)",
        en: "the layer has no feature (expected one Polygon or MultiPolygon feature per zone)",
    }
    NotAFeatureCollection {
        fr: "le fichier n’est pas une FeatureCollection GeoJSON (attendu : \"type\": \"FeatureCollection\" et \"features\": [...])",
        en: "the file is not a GeoJSON FeatureCollection (expected \"type\": \"FeatureCollection\" and \"features\": [...])",
    }
    NoFeaturesArray {
        fr: "la FeatureCollection n’a pas de tableau « features » (attendu : une entité par zone)",
        en: "the FeatureCollection has no \"features\" array (expected one feature per zone)",
    }
    TooManyFeatures {
        fr: "la couche a {count} entités (attendu : au plus {max} zones ; découpez le territoire ou regroupez les zones)",
        en: "the layer has {count} features (expected at most {max} zones; split the territory or aggregate the zones)",
    }
    LayerCrsUnsupported {
        fr: "le système de coordonnées « {crs} » du fichier n’est pas pris en charge (attendu : EPSG:4326 ou EPSG:2154)",
        en: "the file's CRS \"{crs}\" is not supported (expected EPSG:4326 or EPSG:2154)",
    }
    NoPopulation {
        fr: "la zone n’a pas de valeur « {property} » ; sa population compte pour 0 (attendu : un nombre d’habitants)",
        en: "the zone has no \"{property}\" value; its population counts as 0 (expected a number of inhabitants)",
    }
    BadPopulation {
        fr: "{value} n’est pas une population (attendu : un nombre ≥ 0)",
        en: "{value} is not a population (expected a number ≥ 0)",
    }
    NoGeometry {
        fr: "l’entité n’a pas de géométrie (attendu : un Polygon ou un MultiPolygon)",
        en: "the feature has no geometry (expected a Polygon or MultiPolygon)",
    }
    FlatPolygon {
        fr: "le polygone n’a pas de surface : ses positions sont sur une seule ligne ou en un seul point (attendu : un polygone qui a une surface)",
        en: "the polygon has no area: its positions lie on one line or one point (expected a polygon with an area)",
    }
    EmptyGeometry {
        fr: "la géométrie est vide (attendu : un polygone qui a une surface)",
        en: "the geometry is empty (expected a polygon with an area)",
    }
    NoCoordinates {
        fr: "la géométrie {kind} n’a pas de coordonnées (attendu : un Polygon ou un MultiPolygon)",
        en: "the {kind} has no coordinates (expected a Polygon or MultiPolygon)",
    }
    MultiPolygonNotArray {
        fr: "les coordonnées du MultiPolygon ne sont pas un tableau (attendu : des tableaux d’anneaux)",
        en: "MultiPolygon coordinates are not an array (expected arrays of rings)",
    }
    ZoneWithoutGeometryType {
        fr: "une zone ne peut pas être une géométrie sans type (attendu : un Polygon ou un MultiPolygon)",
        en: "a zone cannot be a geometry without type (expected a Polygon or MultiPolygon)",
    }
    ZoneCannotBe {
        fr: "une zone ne peut pas être un {kind} (attendu : un Polygon ou un MultiPolygon)",
        en: "a zone cannot be a {kind} (expected a Polygon or MultiPolygon)",
    }
    PolygonNotRings {
        fr: "les coordonnées du polygone ne sont pas un tableau d’anneaux (attendu : [[[x, y], ...]])",
        en: "polygon coordinates are not an array of rings (expected [[[x, y], ...]])",
    }
    PolygonWithoutRing {
        fr: "un polygone n’a aucun anneau (attendu : un anneau extérieur)",
        en: "a polygon has no ring (expected an exterior ring)",
    }
    RingNotPositions {
        fr: "un anneau n’est pas un tableau de positions (attendu : [[x, y], ...])",
        en: "a ring is not an array of positions (expected [[x, y], ...])",
    }
    RingTooShort {
        fr: "un anneau a {count} positions (attendu : au moins 4, la première répétée en dernier)",
        en: "a ring has {count} positions (expected at least 4, the first repeated last)",
    }
    NotAPosition {
        fr: "{value} n’est pas une position (attendu : des nombres [x, y])",
        en: "{value} is not a position (expected [x, y] numbers)",
    }
    PositionOutOfWgs84 {
        fr: "la position [{x}, {y}] est hors des limites de EPSG:4326 (attendu : une longitude entre -180 et 180 et une latitude entre -90 et 90 degrés ; le crs de la couche est-il le bon ?)",
        en: "position [{x}, {y}] is outside the range of EPSG:4326 (expected longitude within ±180 and latitude within ±90 degrees; is the layer's crs right?)",
    }
    PositionOutOfLambert93 {
        fr: "la position [{x}, {y}] est hors des limites de EPSG:2154 (attendu : des mètres en Lambert-93, x entre 100 000 et 1 300 000 environ et y entre 6 000 000 et 7 200 000 environ ; le Lambert-93 ne couvre que la métropole : donnez les zones d’outre-mer (La Réunion, la Guadeloupe...) en longitude et latitude, EPSG:4326 ; le crs de la couche est-il le bon ?)",
        en: "position [{x}, {y}] is outside the range of EPSG:2154 (expected Lambert-93 metres, x about 100 000–1 300 000 and y about 6 000 000–7 200 000; Lambert-93 covers metropolitan France only: give overseas zones (Réunion, Guadeloupe...) in lon/lat, EPSG:4326; is the layer's crs right?)",
    }
    PositionNotConvertible {
        fr: "la position [{x}, {y}] ne peut pas être convertie en WGS84",
        en: "position [{x}, {y}] cannot be converted to WGS84",
    }
    InvalidPolygon {
        fr: "polygone invalide : {fault} ; la zone est gardée telle que dessinée, mais l’appartenance des points proches du défaut peut être fausse (attendu : un polygone valide ; réparez-le avec « Réparer les géométries » dans QGIS ou make_valid de shapely)",
        en: "invalid polygon: {fault}; the zone is kept as drawn, but point-in-zone tests near the fault may be wrong (expected a valid polygon; repair it with \"Fix geometries\" in QGIS or shapely's make_valid)",
    }
    ExteriorRing {
        fr: "l’anneau extérieur",
        en: "exterior ring",
    }
    InteriorRing {
        fr: "l’anneau intérieur n° {index}",
        en: "interior ring at index {index}",
    }
    RingTooFewPoints {
        fr: "{ring} a moins de 3 points distincts",
        en: "{ring} must have at least 3 distinct points",
    }
    RingSelfIntersection {
        fr: "{ring} se recoupe",
        en: "{ring} has a self-intersection",
    }
    RingNonFinite {
        fr: "{ring} a une coordonnée non finie à la position {index}",
        en: "{ring} has a non-finite coordinate at index {index}",
    }
    RingOutsideExterior {
        fr: "{ring} sort de l’anneau extérieur du polygone",
        en: "{ring} is not contained within the polygon's exterior",
    }
    RingsMeetOnALine {
        fr: "{first} et {second} se coupent le long d’une ligne",
        en: "{first} and {second} intersect on a line",
    }
    RingsMeetOnAnArea {
        fr: "{first} et {second} se chevauchent sur une surface",
        en: "{first} and {second} intersect on an area",
    }
    PolygonInvalidAt {
        fr: "le polygone n° {index} est invalide : {reason}",
        en: "polygon at index {index} is invalid: {reason}",
    }
    PolygonsOverlap {
        fr: "les polygones n° {first} et {second} se chevauchent",
        en: "polygons at indices {first} and {second} overlap",
    }
    PolygonsTouchOnALine {
        fr: "les polygones n° {first} et {second} se touchent le long d’une ligne",
        en: "polygons at indices {first} and {second} touch on a line",
    }
    EmptySheet {
        fr: "la feuille est vide (attendu : une ligne d’en-tête, par exemple {example})",
        en: "the sheet is empty (expected a header row, e.g. {example})",
    }
    HeaderTooWide {
        fr: "l’en-tête va jusqu’à la colonne {column} ({number}) (attendu : au plus {max} colonnes ; supprimez la cellule égarée)",
        en: "the header reaches column {column} ({number}) (expected at most {max} columns; delete the stray cell)",
    }
    SameColumnTwice {
        fr: "la colonne « {column} » est la même que « {other} » en {cell} (attendu : chaque colonne une seule fois)",
        en: "column \"{column}\" is the same column as \"{other}\" in {cell} (expected each column once)",
    }
    HeaderInMergedCell {
        fr: "son en-tête fait partie de la cellule fusionnée {cells} (attendu : un en-tête par colonne : défusionnez-la et nommez chaque colonne)",
        en: "its header is part of the merged cell {cells} (expected one header per column: unmerge it and name each column)",
    }
    SheetTooLarge {
        fr: "la feuille contient {rows} lignes de {width} colonnes (attendu : au plus {max} cellules ; découpez le territoire)",
        en: "the sheet holds {rows} rows of {width} columns (expected at most {max} cells; split the territory)",
    }
    ColumnWithoutHeader {
        fr: "la colonne n’a pas d’en-tête (attendu : un en-tête en {cell} pour garder ses valeurs comme attribut)",
        en: "the column has no header (expected a header in {cell} to keep its values as an attribute)",
    }
    ValuesLeftOut {
        fr: "les valeurs de la colonne {column} sont laissées de côté : {why}",
        en: "values in column {column} are left out: {why}",
    }
    SpreadsheetError {
        fr: "la cellule contient l’erreur de tableur {error} (attendu : une valeur : corrigez la formule, ou tapez la valeur)",
        en: "the cell holds the spreadsheet error {error} (expected a value: correct the formula, or type the value)",
    }
    WorkbookCellsTooLarge {
        fr: "les cellules contiennent plus de 4 Gio de texte (attendu : un classeur plus petit ; découpez le territoire)",
        en: "the cells hold more than 4 GiB of text (expected a smaller workbook; split the territory)",
    }
    CellHoldsFormula {
        fr: "la cellule contient une formule",
        en: "the cell holds a formula",
    }
    CellsHoldFormulas {
        fr: "{count} cellules de cette colonne contiennent des formules, la première ici",
        en: "{count} cells of this column hold formulas, the first here",
    }
    FormulaValueRead {
        fr: "{formulas} : la dernière valeur calculée par le tableur est lue, la formule n’est pas recalculée (attendu : des valeurs ; vérifiez que le classeur a été enregistré après sa dernière modification)",
        en: "{formulas}: the value the spreadsheet last computed is read, the formula is not computed again (expected values; check that the workbook was saved after its last change)",
    }
    WorkbookAndCsv {
        fr: "le dossier du territoire contient à la fois le classeur {workbook} et {tables} (attendu : les tableaux soit en fichiers CSV, soit dans un seul classeur : sortez l’un des deux du dossier)",
        en: "the bundle holds both the workbook {workbook} and {tables} (expected the tables either as CSV files or as one workbook: move one of them out of the folder)",
    }
    SeveralWorkbooks {
        fr: "le dossier du territoire contient {count} classeurs : {workbooks} (attendu : un seul classeur qui contient les tableaux : sortez les autres du dossier)",
        en: "the bundle holds {count} workbooks: {workbooks} (expected one workbook holding the tables: move the others out of the folder)",
    }
    WorkbookUnreadable {
        fr: "le contenu du classeur est endommagé ou d’un genre que cette bibliothèque ne lit pas",
        en: "the workbook's content is damaged or not of a kind this library reads",
    }
    BadWorkbook {
        fr: "{why} (attendu : un classeur enregistré en .xlsx par Excel ou en .ods par LibreOffice Calc, avec les feuilles acteurs et relations)",
        en: "{why} (expected a workbook saved as .xlsx by Excel or as .ods by LibreOffice Calc, holding the sheets acteurs and relations)",
    }
    MissingSheet {
        fr: "le classeur n’a pas de feuille « {sheet} » (attendu : {expected} ; trouvé : {found})",
        en: "the workbook has no sheet \"{sheet}\" (expected {expected}; found {found})",
    }
    ExpectedSheets {
        fr: "les feuilles {required}",
        en: "the sheets {required}",
    }
    ExpectedSheetsAndOptional {
        fr: "les feuilles {required}, et si besoin {optional}",
        en: "the sheets {required}, and optionally {optional}",
    }
    Both {
        fr: "{first} et {second}",
        en: "{first} and {second}",
    }
    SheetsHoldSameTable {
        fr: "les feuilles {sheets} contiennent toutes le tableau {table} (attendu : une seule feuille pour lui : renommez ou supprimez les autres)",
        en: "the sheets {sheets} all hold the table {table} (expected one sheet for it: rename or delete the others)",
    }
    HiddenSheet {
        fr: "la feuille est masquée ; elle est lue quand même (attendu : des feuilles visibles : affichez-la, ou supprimez-la si c’est une ancienne copie)",
        en: "the sheet is hidden; it is read all the same (expected the sheets of the bundle visible: show it, or delete it if it is an old copy)",
    }
    OldOrProtectedWorkbook {
        fr: "le fichier est un classeur Excel 97-2003 (.xls) ou un classeur protégé par un mot de passe : enregistrez-le en .xlsx, sans mot de passe",
        en: "the file is an Excel 97-2003 workbook (.xls) or a workbook protected by a password: save it as .xlsx, without a password",
    }
    NotAZipArchive {
        fr: "le fichier n’est pas un classeur (ce n’est pas une archive zip)",
        en: "the file is not a workbook (not a zip archive)",
    }
    DamagedArchive {
        fr: "l’archive est endommagée ([en anglais : {detail}])",
        en: "the archive is damaged ({detail})",
    }
    NotASpreadsheet {
        fr: "l’archive n’est pas un classeur (elle ne contient ni xl/workbook.xml ni un classeur OpenDocument)",
        en: "the archive is not a spreadsheet (it holds no xl/workbook.xml nor an OpenDocument spreadsheet)",
    }
    PartTooLarge {
        fr: "la partie {part} du classeur fait plus de {mib} Mio une fois décompressée (attendu : au plus cela ; le fichier est-il un classeur enregistré par un tableur ?)",
        en: "the part {part} of the workbook decompresses to more than {mib} MiB (expected at most that; is the file a workbook saved by a spreadsheet?)",
    }
    TooManyCells {
        fr: "le classeur contient plus de {max} cellules (attendu : au plus autant ; découpez le territoire)",
        en: "the workbook holds more than {max} cells (expected at most that many; split the territory)",
    }
    SharedStringsDamaged {
        fr: "les chaînes partagées de l’archive sont endommagées",
        en: "the archive's shared strings are damaged",
    }
    SharedStringsOverdeclared {
        fr: "les chaînes partagées du classeur en annoncent plus qu’elles n’en contiennent",
        en: "the workbook's shared strings declare more strings than they hold",
    }
    WorkbookCannotBeRead {
        fr: "le classeur ne peut pas être lu ([en anglais : {detail}])",
        en: "the workbook cannot be read ({detail})",
    }
    SheetPartMissing {
        fr: "le classeur nomme cette feuille mais sa partie est introuvable dans l’archive",
        en: "the workbook names this sheet but its part cannot be found in the archive",
    }
    SheetCannotBeRead {
        fr: "la feuille ne peut pas être lue ([en anglais : {detail}])",
        en: "the sheet cannot be read ({detail})",
    }
    SheetDamagedAfter {
        fr: "la feuille est endommagée après {cells} cellules ([en anglais : {detail}])",
        en: "the sheet is damaged after {cells} cells ({detail})",
    }
    SheetXmlDamaged {
        fr: "le XML de la feuille est endommagé à cet endroit : {what}",
        en: "the sheet's XML is damaged here: {what}",
    }
    XmlTagMalformed {
        fr: "une balise est mal écrite",
        en: "a tag is malformed",
    }
    XmlEndsEarly {
        fr: "la feuille s’arrête avant la fin de ses cellules (un fichier tronqué ?)",
        en: "the sheet ends before its cells do (a truncated file?)",
    }
    XmlUnknownEntity {
        fr: "entité inconnue « &{entity}; »",
        en: "unknown entity \"&{entity};\"",
    }
    XmlNotUtf8 {
        fr: "du texte n’est pas en UTF-8",
        en: "some text is not UTF-8",
    }
    XmlUnexpectedElement {
        fr: "élément <{element}> inattendu dans une cellule",
        en: "unexpected element <{element}> in a cell",
    }
    BadCellReference {
        fr: "la référence de cellule « {reference} » n’en est pas une : une référence est une colonne et une ligne, comme C14",
        en: "the cell reference \"{reference}\" is not one: a reference is a column and a row, such as C14",
    }
    RowsOutOfOrder {
        fr: "la ligne {row} vient après la ligne {previous} : les lignes d’une feuille sont dans l’ordre, chacune une fois",
        en: "row {row} comes after row {previous}: a sheet's rows are in order, each once",
    }
    CellsOutOfOrder {
        fr: "la cellule {cell} vient après la cellule {previous} : les lignes d’une feuille sont dans l’ordre, et chaque cellule n’y est qu’une fois",
        en: "cell {cell} comes after cell {previous}: a sheet's rows are in order, and each cell is there once",
    }
    SharedStringMissing {
        fr: "la cellule renvoie à la chaîne partagée n° {index}, que le classeur n’a pas (il en a {count})",
        en: "the cell names shared string {index}, which the workbook does not hold (it holds {count})",
    }
    CellTypeUnknown {
        fr: "type de cellule inconnu « {kind} »",
        en: "unknown cell type \"{kind}\"",
    }
    CellNumberUnreadable {
        fr: "la cellule de type nombre contient « {value} », qui n’est pas un nombre",
        en: "the number cell holds \"{value}\", which is not a number",
    }
    CellErrorUnknown {
        fr: "la cellule de type erreur contient « {value} », qui n’est pas une erreur de tableur",
        en: "the error cell holds \"{value}\", which is not a spreadsheet error",
    }
    SheetWithoutCells {
        fr: "la partie de la feuille n’a pas de cellules (sheetData) : ce n’est pas une feuille de calcul",
        en: "the sheet's part has no cells (sheetData): it is not a worksheet",
    }
    WorkbookPartDamaged {
        fr: "la partie {part} de l’archive est endommagée",
        en: "the archive's part {part} is damaged",
    }
    RepeatedCellsTooMany {
        fr: "les lignes et colonnes répétées du classeur s’étendent sur {cells} cellules (attendu : au plus {max} ; supprimez les lignes et colonnes mises en forme sous les tableaux et à leur droite)",
        en: "the workbook's repeated rows and columns spread to {cells} cells (expected at most {max}; delete the formatted rows and columns below and right of the tables)",
    }
    TooManySpaces {
        fr: "une cellule demande plus de {max} espaces",
        en: "a cell asks for more than {max} spaces",
    }
    SheetsTruncated {
        fr: "le contenu des feuilles est endommagé ou s’arrête au milieu d’un tableau (un fichier tronqué ?)",
        en: "the sheets' content is damaged or ends in the middle of a table (a truncated file?)",
    }
    MoreWarnings {
        fr: "{count} autres avertissements non listés (attendu : au plus {max} par fichier)",
        en: "{count} more warnings not listed (expected at most {max} per file)",
    }
    AddressFileUnreadable {
        fr: "illisible : [en anglais : {detail}] (attendu : un fichier BAN, BAL ou BANO lisible)",
        en: "cannot be read: {detail} (expected a readable BAN, BAL or BANO file)",
    }
    NotAnAddressFile {
        fr: "ce n’est pas un fichier d’adresses de la BAN : colonnes absentes {missing} (attendu : l’en-tête du fichier départemental de la BAN, {header}, ou d’un fichier BAL ou BANO ; trouvé : {found})",
        en: "not a BAN address file: missing columns {missing} (expected the header of the BAN department file, {header}, or of a BAL or BANO file; found: {found})",
    }
    EmptyAddressFile {
        fr: "le fichier est vide (attendu : un fichier BAN, BAL ou BANO)",
        en: "the file is empty (expected a BAN, BAL or BANO file)",
    }
    AddressRowSkipped {
        fr: "ligne de {fields} champs ignorée (attendu : {width}, autant que l’en-tête)",
        en: "row of {fields} fields skipped (expected {width}, as many as the header)",
    }
    NotACoordinate {
        fr: "« {value} » n’est pas une coordonnée, ligne ignorée (attendu : des degrés WGS84, par exemple 44.3243)",
        en: "\"{value}\" is not a coordinate, row skipped (expected WGS84 degrees, e.g. 44.3243)",
    }
    AddressFilesHaveErrors {
        fr: "les fichiers d’adresses ont {errors}",
        en: "the address files have {errors}",
    }
    GeocodedActors {
        fr: "{count} acteurs géocodés : {by_type} ; {not_found} introuvables ; {kept} ont gardé leurs coordonnées ; {without_address} sans adresse",
        en: "geocoded {count} actors: {by_type}; {not_found} not found; {kept} kept their coordinates; {without_address} without address",
    }
    WarningLine {
        fr: "avertissement : {problem}",
        en: "warning: {problem}",
    }
    CannotGeocode {
        fr: "le dossier du territoire ne peut pas être géocodé",
        en: "the bundle cannot be geocoded",
    }
    ManifestUnreadable {
        fr: "illisible : [en anglais : {detail}] (attendu : le manifeste d’un dossier du territoire)",
        en: "cannot be read: {detail} (expected the manifest of a bundle)",
    }
    ManifestNotToml {
        fr: "TOML invalide : [en anglais : {detail}] (attendu : le manifeste d’un dossier du territoire)",
        en: "not valid TOML: {detail} (expected the manifest of a bundle)",
    }
    ManifestCrsUnsupported {
        fr: "crs : « {crs} » n’est pas pris en charge (attendu : « EPSG:4326 » ou « EPSG:2154 »)",
        en: "crs: \"{crs}\" is not supported (expected \"EPSG:4326\" or \"EPSG:2154\")",
    }
    ExpectedCsvTable {
        fr: "[en anglais : {detail}] (attendu : un tableau CSV)",
        en: "{detail} (expected a CSV table)",
    }
    EmptyFileNoHeader {
        fr: "le fichier est vide (attendu : une ligne d’en-tête)",
        en: "the file is empty (expected a header row)",
    }
    ActorsNotWritten {
        fr: "ne peut pas être écrit : [en anglais : {detail}] (attendu : un dossier du territoire accessible en écriture ; le fichier est inchangé)",
        en: "cannot be written: {detail} (expected a writable bundle folder; the file is unchanged)",
    }
    ActorsTooLarge {
        fr: "le fichier a {size} octets (attendu : au plus {max})",
        en: "the file has {size} bytes (expected at most {max})",
    }
    ActorsUnreadable {
        fr: "illisible : [en anglais : {detail}] (attendu : les acteurs du dossier du territoire)",
        en: "cannot be read: {detail} (expected the actors of the bundle)",
    }
    NoAddressColumn {
        fr: "aucune colonne d’adresse (attendu : « address » ou « adresse », et si besoin « postcode »/« code_postal », « citycode »/« code_insee », « commune »)",
        en: "no address column (expected \"address\" or \"adresse\", with optional \"postcode\"/\"code_postal\", \"citycode\"/\"code_insee\", \"commune\")",
    }
    AddressNotFound {
        fr: "« {address} » introuvable (attendu : une adresse d’une commune des fichiers d’adresses)",
        en: "\"{address}\" not found (expected an address of a commune of the address files)",
    }
    AddressUnrepresentable {
        fr: "« {address} » trouvée en ({lon}, {lat}), que {crs} ne peut pas représenter (attendu : un point en France)",
        en: "\"{address}\" found at ({lon}, {lat}), which {crs} cannot represent (expected a point in France)",
    }
    LowScore {
        fr: "« {address} » rapprochée de « {label} » ({kind}) avec un score de {score} seulement (attendu : {threshold} ou plus : vérifiez le point)",
        en: "\"{address}\" matched \"{label}\" ({kind}) with score {score} only (expected {threshold} or more: check the point)",
    }
    AddressBatch {
        fr: "les adresses {first} à {last} sur {total}",
        en: "addresses {first}–{last} of {total}",
    }
    ServerUnreachable {
        fr: "impossible de joindre le serveur d’adresses pour {which} : [en anglais : {detail}] (attendu : un point d’accès /search/csv/ compatible avec addok, comme https://api-adresse.data.gouv.fr)",
        en: "cannot reach the address server for {which}: {detail} (expected an addok-compatible /search/csv/ endpoint, such as https://api-adresse.data.gouv.fr)",
    }
    AnswerUnreadable {
        fr: "la réponse pour {which} est illisible : [en anglais : {detail}] (attendu : du CSV en UTF-8)",
        en: "the answer for {which} cannot be read: {detail} (expected UTF-8 CSV)",
    }
    ServerAnswered {
        fr: "le serveur d’adresses a répondu HTTP {status} pour {which} : {answer} (attendu : 200 et un CSV)",
        en: "the address server answered HTTP {status} for {which}: {answer} (expected 200 and a CSV)",
    }
    BadAnswer {
        fr: "la réponse pour {which} {why} (attendu : le CSV d’addok-csv avec result_score, result_type, result_label, longitude, latitude)",
        en: "the answer for {which} {why} (expected addok-csv's CSV with result_score, result_type, result_label, longitude, latitude)",
    }
    AnswerWithoutHeader {
        fr: "n’a pas d’en-tête CSV : [en anglais : {detail}]",
        en: "has no CSV header: {detail}",
    }
    AnswerWithoutColumn {
        fr: "n’a pas de colonne {column}",
        en: "has no column {column}",
    }
    AnswerBadCsv {
        fr: "n’est pas un CSV valide à la ligne {row} : [en anglais : {detail}]",
        en: "is not valid CSV at row {row}: {detail}",
    }
    AnswerRowUnknown {
        fr: "la ligne {row} ne désigne aucune adresse envoyée",
        en: "row {row} names no address sent",
    }
    AnswerLacksAddress {
        fr: "il manque l’adresse {missing} du lot ({sent} envoyées)",
        en: "lacks address {missing} of the batch ({sent} sent)",
    }
    NoCommuneCode {
        fr: "aucun code de commune (attendu : une propriété INSEE_COM ou code, par exemple 30269)",
        en: "no commune code (expected a property INSEE_COM or code, e.g. 30269)",
    }
    ExpectedStructureIdAndName {
        fr: "l’id et le nom de la structure",
        en: "the structure's id and nom",
    }
    NotWgs84Degrees {
        fr: "« {x} » « {y} » ne sont pas des degrés WGS84 (attendu : une longitude et une latitude, par exemple 3.88 44.10)",
        en: "\"{x}\" \"{y}\" are not WGS84 degrees (expected longitude and latitude, e.g. 3.88 44.10)",
    }
    ExpectedServiceStructure {
        fr: "l’id de la structure du service",
        en: "the id of the service's structure",
    }
    ExpectedDataInclusion {
        fr: "des structures data·inclusion, en CSV ou en JSON",
        en: "data·inclusion structures, CSV or JSON",
    }
    InvalidJsonStructures {
        fr: "JSON invalide : [en anglais : {detail}] (attendu : un tableau de structures)",
        en: "not valid JSON: {detail} (expected an array of structures)",
    }
    FinessUnreadable {
        fr: "illisible : [en anglais : {detail}] (attendu : le fichier de stock FINESS d’etalab)",
        en: "cannot be read: {detail} (expected the FINESS etalab stock file)",
    }
    GeoRowWidth {
        fr: "la ligne geolocalisation a {fields} champs (attendu : {width} : section, nofinesset, coordxet, coordyet, sourcecoordet, datemaj)",
        en: "the geolocalisation row has {fields} fields (expected {width}: section, nofinesset, coordxet, coordyet, sourcecoordet, datemaj)",
    }
    UnknownFinessSection {
        fr: "section inconnue « {section} » (attendu : des lignes structureet ou geolocalisation après la première ligne finess;etalab;...)",
        en: "unknown section \"{section}\" (expected structureet or geolocalisation rows after the first line finess;etalab;...)",
    }
    StructureRowWidth {
        fr: "la ligne structureet a {fields} champs (attendu : {width}, séparés par des « ; », dans l’ordre d’etalab)",
        en: "the structureet row has {fields} fields (expected {width}, `;`-separated, in the etalab order)",
    }
    NotAFinessNumber {
        fr: "« {value} » n’est pas un numéro FINESS (attendu : 9 caractères, par exemple 300012572)",
        en: "\"{value}\" is not a FINESS number (expected 9 characters, e.g. 300012572)",
    }
    NoGeolocalisation {
        fr: "l’établissement {finess} n’a pas de ligne geolocalisation : rattaché à sa commune {commune} sans point",
        en: "establishment {finess} has no geolocalisation row: attached to its commune {commune} without a point",
    }
    FinessNotConvertible {
        fr: "les coordonnées {x} {y} en EPSG:{epsg} ne peuvent pas être converties (attendu : du Lambert-93 ou un système UTM d’outre-mer nommé dans sourcecoordet)",
        en: "coordinates {x} {y} in EPSG:{epsg} cannot be converted (expected Lambert-93 or an overseas UTM system named in sourcecoordet)",
    }
    NotMetreCoordinates {
        fr: "« {x} » « {y} » ne sont pas des coordonnées (attendu : des mètres, par exemple 870262.2 6571540.8)",
        en: "\"{x}\" \"{y}\" are not coordinates (expected metres, e.g. 870262.2 6571540.8)",
    }
    BadCategoryTable {
        fr: "table de catégories invalide : [en anglais : {detail}] (attendu : des lignes [categories] \"CODE\" = [kind = \"TYPE\", label = \"...\"] en accolades)",
        en: "not a valid category table: {detail} (expected [categories] rows \"CODE\" = [kind = \"KIND\", label = \"...\"] in braces)",
    }
    BuiltInTable {
        fr: "table intégrée",
        en: "built-in table",
    }
    CategoryTableUnreadable {
        fr: "illisible : [en anglais : {detail}] (attendu : une table de catégories en TOML)",
        en: "cannot be read: {detail} (expected a category table in TOML)",
    }
    NeitherKindNorSkip {
        fr: "la ligne n’a ni kind ni skip (attendu : kind = \"TYPE\" ou skip = true)",
        en: "the row has neither kind nor skip (expected kind = \"KIND\" or skip = true)",
    }
    CannotBeParsed {
        fr: "ne peut pas être analysé",
        en: "cannot be parsed",
    }
    NoIdColumn {
        fr: "n’a pas de colonne id (attendu : l’en-tête de actors.csv : id,name,kind,...)",
        en: "has no id column (expected the header of actors.csv: id,name,kind,...)",
    }
    CommuneLayerMissing {
        fr: "les acteurs sans point sont rattachés à la couche « {layer} », que le manifeste n’a pas (attendu : `maillage import communes ...` d’abord, ou --commune-layer nommant une couche de contours de communes)",
        en: "actors without a point are attached to layer \"{layer}\", which the manifest lacks (expected `maillage import communes ...` first, or --commune-layer naming a layer of commune outlines)",
    }
    CannotBeWritten {
        fr: "ne peut pas être écrit : [en anglais : {detail}]",
        en: "cannot be written: {detail}",
    }
    CannotBeCreated {
        fr: "ne peut pas être créé : [en anglais : {detail}]",
        en: "cannot be created: {detail}",
    }
    CannotBeSerialised {
        fr: "ne peut pas être sérialisé : [en anglais : {detail}]",
        en: "cannot be serialised: {detail}",
    }
    TerritoryManifestUnreadable {
        fr: "« {layer} » n’est pas une liste de codes de communes, et le {manifest} du dossier du territoire ne peut pas être lu pour y trouver une couche de ce nom : [en anglais : {detail}] (attendu : des codes comme 30269,30140 ou un nom de couche)",
        en: "\"{layer}\" is not a list of commune codes, and the bundle's {manifest} cannot be read to find a layer of that name: {detail} (expected codes like 30269,30140 or a layer name)",
    }
    ManifestCannotBeRead {
        fr: "{manifest} ne peut pas être lu : {detail}",
        en: "{manifest} cannot be read: {detail}",
    }
    NotCodesNorLayer {
        fr: "« {layer} » n’est ni une liste de codes de communes ni une couche du dossier du territoire (attendu : des codes comme 30269,30140 ou l’une des couches : {layers})",
        en: "\"{layer}\" is neither a list of commune codes nor a layer of the bundle (expected codes like 30269,30140 or one of the layers: {layers})",
    }
    ZoneNotCommuneCode {
        fr: "la zone « {id} » de la couche « {layer} » n’est pas un code de commune (attendu : une couche dont les identifiants sont des codes INSEE de communes ou des codes IRIS)",
        en: "zone \"{id}\" of layer \"{layer}\" is not a commune code (expected a layer whose ids are INSEE commune codes or IRIS codes)",
    }
    BundleNotWritable {
        fr: "ne peut pas être écrit : [en anglais : {detail}] (attendu : un dossier du territoire accessible en écriture)",
        en: "cannot be written: {detail} (expected a writable bundle folder)",
    }
    FileCannotBeRead {
        fr: "{file} ne peut pas être lu : [en anglais : {detail}]",
        en: "{file} cannot be read: {detail}",
    }
    FileNotJson {
        fr: "{file} n’est pas du JSON valide : [en anglais : {detail}]",
        en: "{file} is not valid JSON: {detail}",
    }
    CannotBeReadExpected {
        fr: "illisible : [en anglais : {detail}] (attendu : {expected})",
        en: "cannot be read: {detail} (expected {expected})",
    }
    ExpectedFeatureCollection {
        fr: "une FeatureCollection GeoJSON",
        en: "a GeoJSON FeatureCollection",
    }
    NoFeaturesArrayInFile {
        fr: "pas de tableau « features » (attendu : une FeatureCollection GeoJSON)",
        en: "no features array (expected a GeoJSON FeatureCollection)",
    }
    PositionUnreadable {
        fr: "une position ne peut pas être lue ou convertie depuis EPSG:{epsg} (attendu : des nombres [x, y])",
        en: "a position cannot be read or converted from EPSG:{epsg} (expected [x, y] numbers)",
    }
    ExpectedPopulationTable {
        fr: "un tableau de population",
        en: "a population table",
    }
    NoPopulationColumn {
        fr: "pas de colonne {column} (attendu : l’une de {ids} pour le code et l’une de {pops} ou PNN_POP pour la population ; trouvé : {found})",
        en: "no {column} column (expected one of {ids} for the code and one of {pops} or PNN_POP for the population; found {found})",
    }
    NoPopulationRow {
        fr: "{zone} {code} n’a pas de ligne dans le tableau de population (gardé sans population)",
        en: "{zone} {code} has no row in the population table (kept without population)",
    }
    IndicatorsUnknownLayer {
        fr: "le bundle n’a pas de couche « {layer} » (couches : {layers})",
        en: "the bundle has no layer \"{layer}\" (layers: {layers})",
    }
    ExpectedIndicatorBundle {
        fr: "le territory.toml d’un bundle existant",
        en: "the territory.toml of an existing bundle",
    }
    ExpectedIndicatorTable {
        fr: "un tableau CSV d’indicateurs (séparateur « ; » ou « , »)",
        en: "a CSV table of indicators (separator \";\" or \",\")",
    }
    ExpectedIndicatorValue {
        fr: "une valeur d’indicateur, ou une cellule vide",
        en: "an indicator value, or an empty cell",
    }
    IndicatorsMissingColumn {
        fr: "pas de colonne « {column} » dans le tableau (colonnes : {found})",
        en: "no column \"{column}\" in the table (columns: {found})",
    }
    IndicatorsNoColumn {
        fr: "aucune colonne numérique à importer en dehors de la clé « {key} » ; nommez-les avec --columns",
        en: "no numeric column to import besides the key \"{key}\"; name them with --columns",
    }
    IndicatorsReservedColumn {
        fr: "colonne « {column} » : ce nom est celui d’une colonne que les sorties des zones donnent déjà (population, actors, count_…, access_…) ou de l’identifiant, du nom ou de la population de la couche ; renommez la colonne",
        en: "column \"{column}\": this name is one of a column the zone outputs already give (population, actors, count_…, access_…) or the layer's id, name or population; rename the column",
    }
    IndicatorsDuplicateKey {
        fr: "la clé « {key} » est déjà à la ligne {first}",
        en: "the key \"{key}\" is already on line {first}",
    }
    IndicatorsNeedBetter {
        fr: "l’indicateur « {column} » n’est pas encore déclaré : dites si une valeur haute est meilleure ou pire avec --better {column}=higher ou --better {column}=lower",
        en: "the indicator \"{column}\" is not declared yet: say whether a higher value is better or worse with --better {column}=higher or --better {column}=lower",
    }
    IndicatorsNoValue {
        fr: "la colonne « {column} » ne donne de valeur à aucune zone de la couche « {layer} » (attendu : des clés qui sont des identifiants de ses zones, par exemple {example} ; clés sans zone : {keys})",
        en: "the column \"{column}\" gives no value to any zone of the layer \"{layer}\" (expected keys that are ids of its zones, e.g. {example}; keys matching no zone: {keys})",
    }
    RppsUnreadable {
        fr: "illisible : [en anglais : {detail}] (attendu : l’extraction PS_LibreAcces_Personne_activite)",
        en: "cannot be read: {detail} (expected the PS_LibreAcces_Personne_activite extract)",
    }
    ProfessionalsAtCommune {
        fr: "{count} professionnels sur {total} n’ont pas de site FINESS localisé dans le dossier du territoire : rattachés à leur commune et comptés là, à son point d’ancrage quand le dossier a la couche des communes (leur lieu dans la commune est inconnu)",
        en: "{count} of {total} professionals have no FINESS site with a point in the bundle: attached to their commune and counted there, at its anchor point when the bundle has the commune layer (their place within the commune is unknown)",
    }
    EmptyRppsFile {
        fr: "le fichier est vide (attendu : une ligne d’en-tête : Type d'identifiant PP|Identifiant PP|...)",
        en: "the file is empty (expected a header row: Type d'identifiant PP|Identifiant PP|...)",
    }
    UnreadableHeader {
        fr: "en-tête illisible : [en anglais : {detail}]",
        en: "unreadable header: {detail}",
    }
    MissingRppsColumn {
        fr: "la colonne obligatoire « {column} » est absente (attendu : l’en-tête publié de PS_LibreAcces_Personne_activite, séparé par des « | »)",
        en: "required column \"{column}\" is missing (expected the published header of PS_LibreAcces_Personne_activite, `|`-separated)",
    }
    UnreadableRow {
        fr: "ligne illisible : [en anglais : {detail}]",
        en: "unreadable row: {detail}",
    }
    RppsRowWidth {
        fr: "la ligne a {fields} champs (attendu : {width}, autant que l’en-tête, séparés par des « | »)",
        en: "the row has {fields} fields (expected {width}, as many as the header, `|`-separated)",
    }
    ExpectedRppsNumber {
        fr: "le numéro RPPS du professionnel",
        en: "the professional's RPPS number",
    }
    NoQpvCode {
        fr: "aucun code de QPV (attendu : une propriété code_qp, par exemple QN03002M)",
        en: "no QPV code (expected a property code_qp, e.g. QN03002M)",
    }
    NoIrisCode {
        fr: "aucun code IRIS (attendu : une propriété CODE_IRIS, par exemple 693870703)",
        en: "no IRIS code (expected a property CODE_IRIS, e.g. 693870703)",
    }
    GzipCut {
        fr: "le flux gzip est coupé ou endommagé après la ligne {line} ([en anglais : {detail}] ; attendu : un fichier .gz complet : téléchargez-le à nouveau)",
        en: "the gzip stream is cut or damaged after line {line} ({detail}; expected a complete .gz file: download it again)",
    }
    GzipDamaged {
        fr: "le flux gzip ne peut pas être décompressé ([en anglais : {detail}] ; attendu : un fichier .gz complet : téléchargez-le à nouveau)",
        en: "the gzip stream cannot be decompressed ({detail}; expected a complete .gz file: download it again)",
    }
    FileUnreadableDetail {
        fr: "illisible ([en anglais : {detail}] ; attendu : un fichier lisible)",
        en: "cannot be read ({detail}; expected a readable file)",
    }
    FirstLineTooLong {
        fr: "la première ligne fait {bytes} octets (attendu : l’en-tête d’un fichier BAN, BAL ou BANO, quelques centaines d’octets)",
        en: "the first line has {bytes} bytes (expected a header of a BAN, BAL or BANO file, a few hundred bytes)",
    }
    LongLineSkipped {
        fr: "ligne de {bytes} octets ignorée (attendu : au plus {max} octets ; une ligne de la BAN en fait quelques centaines)",
        en: "line of {bytes} bytes skipped (expected at most {max} bytes; a BAN row has a few hundred)",
    }
    Windows1252FromHere {
        fr: "UTF-8 invalide, lu comme Windows-1252 à partir d’ici (attendu : de l’UTF-8, comme le publie la BAN)",
        en: "not valid UTF-8, read as Windows-1252 from here (expected UTF-8, as the BAN publishes)",
    }
    ControlCharacters {
        fr: "caractères de contrôle remplacés par des espaces (attendu : du texte imprimable)",
        en: "control characters replaced by spaces (expected printable text)",
    }
    AddressOutOfRange {
        fr: "({lon}, {lat}) est hors limites, ligne ignorée (attendu : une longitude entre -180 et 180 et une latitude entre -90 et 90)",
        en: "({lon}, {lat}) is out of range, row skipped (expected longitude within ±180 and latitude within ±90)",
    }
    EmptyStreet {
        fr: "nom de voie vide, ligne ignorée (attendu : le nom de la voie ou du lieu-dit)",
        en: "empty street name, row skipped (expected the name of the street or place)",
    }
    EmptyInseeCode {
        fr: "code INSEE vide, ligne ignorée (attendu : le code à cinq caractères de la commune)",
        en: "empty INSEE code, row skipped (expected the commune's five-character code)",
    }
    ManifestCrsNotText {
        fr: "crs : ce n’est pas un texte (attendu : « EPSG:4326 » ou « EPSG:2154 »)",
        en: "crs: not a string (expected \"EPSG:4326\" or \"EPSG:2154\")",
    }
    Utf16NotWritable {
        fr: "un texte UTF-16 ne peut pas être réécrit (attendu : UTF-8 ou Windows-1252 : enregistrez le fichier au format « CSV UTF-8 »)",
        en: "UTF-16 text cannot be written back (expected UTF-8 or Windows-1252: re-save the file as \"CSV UTF-8\")",
    }
    NoPolygon {
        fr: "aucune géométrie Polygon ou MultiPolygon (attendu : des contours de zones)",
        en: "no Polygon or MultiPolygon geometry (expected zone outlines)",
    }

    // The partnership survey: its forms (written in French, for the partners), the
    // problems of returned forms, its refusals and the merge's report.
    ReasonKnownRelation {
        fr: "relation connue",
        en: "known relation",
    }
    ReasonSameZone {
        fr: "même zone",
        en: "same zone",
    }
    ReasonNearby {
        fr: "à proximité",
        en: "nearby",
    }
    ReasonSharedThemes {
        fr: "thèmes communs",
        en: "shared themes",
    }
    ReasonSameDispositif {
        fr: "même dispositif",
        en: "same dispositif",
    }
    FormTitle {
        fr: "Enquête sur les partenariats : {name}",
        en: "Partnership survey: {name}",
    }
    FormIntroduction {
        fr: "Ce questionnaire est adressé à {name}, dans le cadre du diagnostic des partenariats de santé du territoire {territory}. Il prend une dizaine de minutes.",
        en: "This form is addressed to {name}, as part of the diagnosis of the health partnerships of the territory {territory}. It takes about ten minutes.",
    }
    FormRespondentStep {
        fr: "1. Feuille « répondant » : écrivez votre nom et votre fonction, puis la date du jour (jj/mm/aaaa). La date indique que le questionnaire est rempli : sans elle, il est compté comme non rendu.",
        en: "1. Sheet \"répondant\": write your name and your role, then today's date (dd/mm/yyyy). The date says that the form is filled in: without it, the form counts as not returned.",
    }
    FormPartnersStep {
        fr: "2. Feuille « partenaires » : pour chaque structure ou dispositif listé, choisissez dans la colonne « type de relation » ce que votre structure fait avec lui : vous en êtes membre, vous êtes partenaires, vous le financez, vous orientez des personnes vers lui, vous siégez dans ses instances, vous le formez, vous lui prêtez des moyens, vous relayez ses informations. Choisissez « aucune » si vous ne travaillez pas avec lui ; laissez vide si vous ne savez pas.",
        en: "2. Sheet \"partenaires\": for each structure or dispositif listed, choose in the column \"type de relation\" what your structure does with it: you are a member, you are partners, you fund it, you refer people to it, you sit on its boards, you train it, you lend it means, you relay its information. Choose \"aucune\" if you do not work with it; leave empty if you do not know.",
    }
    FormKnownRelations {
        fr: "Les relations déjà connues sont pré-remplies (colonne « type connu ») : corrigez-les si elles sont fausses. Pour indiquer deux types de relation avec un même partenaire, utilisez une ligne vide en bas du tableau avec son identifiant. Un partenaire absent de la liste peut y être ajouté de même, avec son identifiant s'il vous a été communiqué.",
        en: "The relations already known are pre-filled (column \"type connu\"): correct them if they are wrong. To give two kinds of relation with one partner, use an empty row at the bottom of the table with its id. A partner missing from the list can be added the same way, with its id if you were given it.",
    }
    FormOptionalColumns {
        fr: "Les colonnes « thèmes » (séparés par |) et « depuis » (date de début) sont facultatives. Ne modifiez pas les identifiants ni les noms : ils permettent de relier vos réponses à celles de vos partenaires.",
        en: "The columns \"thèmes\" (separated by |) and \"depuis\" (start date) are optional. Do not change the ids or the names: they link your answers to your partners'.",
    }
    FormReturn {
        fr: "Le classeur peut être rempli avec Excel ou LibreOffice Calc (enregistré en .xlsx ou .ods). Renvoyez-le à la coordination qui vous l'a adressé.",
        en: "The workbook can be filled in with Excel or LibreOffice Calc (saved as .xlsx or .ods). Send it back to the coordination that sent it to you.",
    }
    ExpectedRespondentId {
        fr: "l'identifiant de la structure",
        en: "the structure's id",
    }
    UnknownRespondent {
        fr: "l'identifiant « {id} » n'est celui d'aucune structure interrogée du territoire (attendu : l'identifiant écrit dans le questionnaire, sans modification)",
        en: "the id \"{id}\" is not that of any structure of the territory asked (expected the id written in the form, unchanged)",
    }
    NoRespondentRow {
        fr: "la feuille ne contient pas la ligne du répondant (attendu : l'identifiant de la structure en ligne 2)",
        en: "the sheet holds no respondent row (expected the structure's id in row 2)",
    }
    NameMismatch {
        fr: "l'identifiant « {id} » est celui de « {expected} », pas de « {written} » (attendu : l'identifiant et le nom tels que le questionnaire les a écrits)",
        en: "the id \"{id}\" is that of \"{expected}\", not of \"{written}\" (expected the id and the name as the form wrote them)",
    }
    UnknownPartner {
        fr: "l'identifiant « {id} » n'est celui d'aucun acteur du territoire (attendu : un identifiant de la liste, tel qu'écrit)",
        en: "the id \"{id}\" is not that of any actor of the territory (expected an id of the list, as written)",
    }
    SelfPartner {
        fr: "« {id} » est la structure qui répond (attendu : un autre acteur)",
        en: "\"{id}\" is the structure that answers (expected another actor)",
    }
    MissingPartnerId {
        fr: "une réponse sans identifiant de partenaire (attendu : l'identifiant de l'acteur dans la colonne id)",
        en: "an answer without a partner's id (expected the actor's id in the column id)",
    }
    UnknownChoice {
        fr: "« {written} » n'est pas un type de relation (attendu : un choix de la liste : {choices})",
        en: "\"{written}\" is not a kind of relation (expected a choice of the list: {choices})",
    }
    TwoAnsweredForms {
        fr: "{second} et {first} sont deux questionnaires remplis de « {id} » (attendu : un seul par structure ; retirez l'autre du dossier)",
        en: "{second} and {first} are two filled-in forms of \"{id}\" (expected one per structure; take the other out of the folder)",
    }
    SurveyOfWorkbookBundle {
        fr: "le bundle tient ses tables dans un classeur : convertissez-le en CSV (maillage convert BUNDLE DOSSIER) avant d'y fusionner l'enquête",
        en: "the bundle holds its tables in a workbook: convert it to CSV (maillage convert BUNDLE FOLDER) before merging the survey into it",
    }
    FormTooLarge {
        fr: "{file} dépasse la taille d'un questionnaire (attendu : un classeur de moins de 256 Mo)",
        en: "{file} is larger than a form (expected a workbook of less than 256 MB)",
    }
    FormsHaveErrors {
        fr: "les questionnaires ont {errors}, rien n'a été écrit :",
        en: "the forms have {errors}, nothing was written:",
    }
    BundleHasErrorsBeforeSurvey {
        fr: "le bundle a {errors}, à corriger avant l'enquête :",
        en: "the bundle has {errors}, to correct before the survey:",
    }
    FormCannotBeWritten {
        fr: "le questionnaire ne peut pas être écrit : {detail}",
        en: "the form cannot be written: {detail}",
    }
    RelationsCannotBeRewritten {
        fr: "relations.csv ne peut pas être réécrit : {detail}",
        en: "relations.csv cannot be rewritten: {detail}",
    }
    FolderHoldsForms {
        fr: "{dir} contient déjà le classeur {name} : les questionnaires d'une enquête s'écrivent dans un dossier sans classeur, pour ne jamais écraser un questionnaire rendu",
        en: "{dir} already holds the workbook {name}: the forms of a survey are written into a folder without workbooks, so that a returned form is never overwritten",
    }
    ContradictionNoRelation {
        fr: "{named_by} nomme la relation, {denied_by} répond « aucune »",
        en: "{named_by} names the relation, {denied_by} answers \"aucune\"",
    }
    ContradictionByHand {
        fr: "une relation saisie à la main existe, {denied_by} répond « aucune » (la relation saisie est gardée)",
        en: "a relation entered by hand exists, {denied_by} answers \"aucune\" (the relation entered is kept)",
    }
    ContradictionMutualMember {
        fr: "chacun se dit membre de l'autre",
        en: "each says it is a member of the other",
    }
    ChangedKind {
        fr: "connu : {known} ; répondu : {answered} (la relation connue est gardée, la réponse ajoutée)",
        en: "known: {known}; answered: {answered} (the known relation is kept, the answer added)",
    }
    SurveyCounts {
        fr: "enquête : {forms} questionnaire{forms_s} lu{forms_s}, {answered} rempli{answered_s}\nrelations ajoutées : {added} (dont {replaced} remplaçant une réponse précédente), relations connues confirmées : {known}\n",
        en: "survey: {forms} form{forms_s} read, {answered} filled in\nrelations added: {added} (of which {replaced} replacing an earlier answer), known relations confirmed: {known}\n",
    }
    SurveySection {
        fr: "{title} : {count}\n",
        en: "{title}: {count}\n",
    }
    SectionNonRespondents {
        fr: "sans réponse",
        en: "no answer",
    }
    SectionNamedByBoth {
        fr: "liens nommés des deux côtés",
        en: "ties named by both sides",
    }
    SectionNamedByOne {
        fr: "liens nommés d'un seul côté (non confirmés)",
        en: "ties named by one side (not confirmed)",
    }
    SectionContradictions {
        fr: "contradictions",
        en: "contradictions",
    }
    SectionChangedKinds {
        fr: "types de relation modifiés",
        en: "kinds of relation changed",
    }
    ReciprocityLine {
        fr: "réciprocité : {both} lien{s} sur {ties} nommé{s} des deux côtés ({rate} %)\n",
        en: "reciprocity: {both} tie{s} of {ties} named by both sides ({rate} %)\n",
    }

    // The summary of a diagnosis (summary.txt, printed by `maillage diagnose`).
    SummaryAllDates {
        fr: "toutes dates",
        en: "all dates",
    }
    SummaryTitle {
        fr: "{territory} : réseau au {date}",
        en: "{territory}: network on {date}",
    }
    SummaryActors {
        fr: "acteurs : {actors} ({located} localisés)",
        en: "actors: {actors} ({located} located)",
    }
    SummaryRelations {
        fr: "relations valides au {date} : {relations} sur {total}",
        en: "relations valid on {date}: {relations} of {total}",
    }
    SummaryNetwork {
        fr: "réseau : {edges} liens entre acteurs, densité {density}, {components} composante{components_s} (la plus grande : {largest} acteurs, {share} %), {isolated} acteur{isolated_s} isolé{isolated_s}",
        en: "network: {edges} ties between actors, density {density}, {components} component{components_s} (largest {largest} actors, {share} %), {isolated} isolated actor{isolated_s}",
    }
    SummaryReciprocity {
        fr: "réciprocité des liens issus de l'enquête : {both} sur {ties} nommés par les deux parties ({rate} %), {one_side} d'un seul côté",
        en: "reciprocity of the survey's ties: {both} of {ties} named by both sides ({rate} %), {one_side} by one side only",
    }
    SummarySolicited {
        fr: "sur-sollicités (dispositifs, groupes de travail, autres instances, actions communes portées et rejointes : {threshold} ou plus) : {count} acteur{count_s}",
        en: "over-solicited (dispositifs, working groups, other instances, joint actions led and joined: {threshold} or more): {count} actor{count_s}",
    }
    SummaryAbsent {
        fr: "absents du territoire ((!) : attendu) : {absent} ; dans les zones : {zones} absence{zones_s} là où au moins 3 sont attendus",
        en: "absent from the territory ((!): expected): {absent}; in the zones: {zones} absence{zones_s} where at least 3 are expected",
    }
    SummaryEvolution {
        fr: "depuis le {since} : {gained} liens créés (dont {cross} entre groupes), {lost} perdus ; densité {density_then} → {density_now} ; E-I {ei_then} → {ei_now} ; paires de dispositifs articulées {pairs_then} → {pairs_now} ; actions communes commencées {started}, terminées {ended} ; besoins couverts depuis : {covered}",
        en: "since {since}: {gained} ties created ({cross} across groups), {lost} lost; density {density_then} → {density_now}; E-I {ei_then} → {ei_now}; articulated pairs of dispositifs {pairs_then} → {pairs_now}; joint actions started {started}, ended {ended}; needs covered since: {covered}",
    }
    SummaryMembership {
        fr: "adhésion aux dispositifs (membres / acteurs de leur territoire){since} : {list}",
        en: "membership of the dispositifs (members / actors of their territory){since}: {list}",
    }
    SummaryMembershipSince {
        fr: " [au {date}]",
        en: " [on {date}]",
    }
    SummaryPathway {
        fr: "parcours « {pathway} » : {reaching} sur {entries} point{entries_s} d’entrée atteignent des soins spécialisés",
        en: "pathway “{pathway}”: {reaching} of {entries} entry point{entries_s} reach specialised care",
    }
    SummaryCoverage {
        fr: "couverture de la couche {layer} (accès : {method} pour 10 000 habitants à moins de {catchment} m) :",
        en: "coverage of layer {layer} (access: {method} per 10,000 inhabitants within {catchment} m):",
    }
    SummaryZone {
        fr: "zone",
        en: "zone",
    }
    SummaryPopulation {
        fr: "pop.",
        en: "pop.",
    }
    SummaryActorsColumn {
        fr: "acteurs",
        en: "actors",
    }
    SummaryPriority {
        fr: "prioritaire",
        en: "priority",
    }
    SummaryPriorityVersusElsewhere {
        fr: "zones prioritaires ({priority_zones}, {priority_population} hab.) face au reste ({other_zones}, {other_population} hab.), pondéré par la population :",
        en: "priority zones ({priority_zones}, {priority_population} inh.) versus elsewhere ({other_zones}, {other_population} inh.), population-weighted:",
    }
    SummaryNote {
        fr: "remarque : {note}",
        en: "note: {note}",
    }
    SummaryGaps {
        fr: "manques : {service} manques de service ({out_of_reach} hors de portée), {uncovered} besoins sur {needs} non couverts, {groups} paires de groupes sans lien, {isolated} acteurs isolés, {unarticulated} paires de dispositifs non articulées",
        en: "gaps: {service} service gaps ({out_of_reach} out of reach), {uncovered} of {needs} needs uncovered, {groups} pairs of groups without a tie, {isolated} isolated actors, {unarticulated} unarticulated pairs of dispositifs",
    }
    SummaryNeedUncovered {
        fr: "non couvert",
        en: "uncovered",
    }
    SummaryNeedNoJointAction {
        fr: "sans action commune",
        en: "no joint action",
    }
    SummaryNeed {
        fr: "  besoin {theme} dans {zone} {status}",
        en: "  need {theme} in {zone} {status}",
    }
    SummarySuggestedLinks {
        fr: "liens suggérés (qui devrait rencontrer qui) :",
        en: "suggested links (who should meet whom):",
    }
    SummaryEiIndex {
        fr: "indice E-I par {partition} : {ei} (−1 : les liens restent dans les groupes, +1 : tous les liens les traversent)",
        en: "E-I index by {partition}: {ei} (−1: ties stay inside groups, +1: every tie crosses)",
    }
    SummaryEiIndexNoTie {
        fr: "indice E-I par {partition} : aucun lien",
        en: "E-I index by {partition}: no tie",
    }
    SummaryGroup {
        fr: "  {group} E-I {ei}  dedans {inside}  dehors {outside}",
        en: "  {group} E-I {ei}  inside {inside}  outside {outside}",
    }
    SummaryCloseness {
        fr: "proximité : {method}",
        en: "closeness: {method}",
    }
    SummaryHoldingActors {
        fr: "acteurs qui tiennent le réseau (intermédiarité, {method}) :",
        en: "actors holding the network together (betweenness, {method}):",
    }
    SummaryWouldCutOff {
        fr: "  isolerait {count} acteurs",
        en: "  would cut off {count} actors",
    }
    SummaryArticulationPoints {
        fr: "{points} points d'articulation, {bridges} ponts ; les {count} départs qui feraient le plus de mal : {actors} (fragmentation {before} → {after})",
        en: "{points} articulation points, {bridges} bridges; the {count} departures that would hurt most: {actors} (fragmentation {before} → {after})",
    }
    SummaryCommunities {
        fr: "{count} communautés de Louvain, modularité {modularity}",
        en: "{count} Louvain communities, modularity {modularity}",
    }
    SummaryDispositifsTitle {
        fr: "articulation entre dispositifs :",
        en: "articulation between dispositifs:",
    }
    SummaryArticulated {
        fr: "articulés",
        en: "articulated",
    }
    SummaryNotArticulated {
        fr: "NON articulés",
        en: "NOT articulated",
    }
    SummaryDispositifPair {
        fr: "  {a} – {b} : {status} ; {shared} membres communs, {cross} liens croisés, {joint} actions communes{bridged}",
        en: "  {a} – {b}: {status}; {shared} shared members, {cross} cross ties, {joint} joint actions{bridged}",
    }
    SummaryBridgedBy {
        fr: " ; reliés par {actors}",
        en: "; bridged by {actors}",
    }

    // The errors of the library's stages, as the command and Python show them.
    WhatRelationKind {
        fr: "type de relation",
        en: "relation kind",
    }
    WhatOutput {
        fr: "sortie",
        en: "output",
    }
    WhatCrs {
        fr: "système de coordonnées",
        en: "CRS",
    }
    WhatGisLayer {
        fr: "couche ou table SIG",
        en: "GIS layer or table",
    }
    WhatSource {
        fr: "source",
        en: "source",
    }
    WhatSize {
        fr: "taille",
        en: "size",
    }
    UnknownNameGiven {
        fr: "« {given} » n’est pas un nom de {what} connu (attendu : l’un de {expected})",
        en: "unknown {what} \"{given}\" (expected one of {expected})",
    }
    NotAnIsoDate {
        fr: "n’est pas une date ISO (attendu : AAAA-MM-JJ, par exemple 2024-06-30)",
        en: "not an ISO date (expected YYYY-MM-DD, e.g. 2024-06-30)",
    }
    UnknownPartition {
        fr: "partition « {value} » : aucun attribut des acteurs de ce nom (attendu : sector, kind, family ou une colonne de actors.csv)",
        en: "partition \"{value}\": no such actor attribute (expected sector, kind, family or a column of actors.csv)",
    }
    SinceNotBefore {
        fr: "date de comparaison {since} : elle doit précéder la date d’analyse {date}",
        en: "comparison date {since}: it must come before the analysis date {date}",
    }
    TooFewPivots {
        fr: "pivots d’intermédiarité {count} : il faut au moins 2 pivots",
        en: "betweenness pivots {count}: at least 2 pivots are needed",
    }
    UnknownIndicator {
        fr: "indicateur « {indicator} » : aucune propriété de zone de ce nom (attendu : l’une de {available})",
        en: "indicator \"{indicator}\": no such zone property (expected one of {available})",
    }
    OutputFolderNotCreated {
        fr: "le dossier de sortie {path} ne peut pas être créé : {detail}",
        en: "cannot create the output folder {path}: {detail}",
    }
    CannotWriteFile {
        fr: "{path} ne peut pas être écrit : {detail}",
        en: "cannot write {path}: {detail}",
    }
    PageRankNotConverged {
        fr: "PageRank n’a pas convergé en {max_iter} itérations : la dernière variation L1 était {change}, au-dessus de n × tol = {threshold} ; augmentez max_iter ou tol",
        en: "PageRank did not converge in {max_iter} iterations: the last L1 change was {change}, above n × tol = {threshold}; raise max_iter or tol",
    }
    SampledBetweennessFewPivots {
        fr: "l’intermédiarité échantillonnée demande au moins 2 pivots sur un graphe de {n} nœuds, reçu k = {k} ; prenez k ≥ 2 (k ≥ n donne la valeur exacte)",
        en: "sampled betweenness needs at least 2 pivots on a graph of {n} nodes, got k = {k}; use k ≥ 2 (k ≥ n gives the exact figure)",
    }

    // The command's own lines.
    CommandError {
        fr: "erreur : {detail}",
        en: "error: {detail}",
    }
    CommandLangHelp {
        fr: "Langue des messages : fr ou en (par défaut : LC_ALL, LC_MESSAGES ou LANG, français sauf en*)",
        en: "Language of the messages: fr or en (default: LC_ALL, LC_MESSAGES or LANG, French unless en*)",
    }
    ErrorsTitle {
        fr: "erreurs ({count}) :",
        en: "errors ({count}):",
    }
    WarningsTitle {
        fr: "avertissements ({count}) :",
        en: "warnings ({count}):",
    }
    BundleValid {
        fr: "{bundle} : valide ({actors} acteurs, {relations} relations, {actions} actions, {needs} besoins, {layers} couches ; {warnings} avertissement{warnings_s})",
        en: "{bundle}: valid ({actors} actors, {relations} relations, {actions} actions, {needs} needs, {layers} layers; {warnings} warning{warnings_s})",
    }
    BundleNotLoaded {
        fr: "{bundle} : {errors}, non chargé",
        en: "{bundle}: {errors}, not loaded",
    }
    BundleNothingWritten {
        fr: "{bundle} : {errors}, rien n'a été écrit",
        en: "{bundle}: {errors}, nothing written",
    }
    StepLoading {
        fr: "lecture du bundle",
        en: "loading the bundle",
    }
    StepDiagnosing {
        fr: "diagnostic du réseau et des zones",
        en: "diagnosing the network and the zones",
    }
    StepWriting {
        fr: "écriture des sorties",
        en: "writing the outputs",
    }
    OptionUnknownPartition {
        fr: "--partition {value} : aucun attribut des acteurs de ce nom (attendu : sector, kind, family ou une colonne de actors.csv)",
        en: "--partition {value}: no such actor attribute (expected sector, kind, family or a column of actors.csv)",
    }
    OptionTooFewPivots {
        fr: "--betweenness-pivots {count} : il faut au moins 2 pivots",
        en: "--betweenness-pivots {count}: at least 2 pivots are needed",
    }
    OptionUnknownIndicator {
        fr: "--indicator « {indicator} » : aucune propriété de zone de ce nom (attendu : l’une de {available})",
        en: "--indicator \"{indicator}\": no such zone property (expected one of {available})",
    }
    PreviousOutputsUnchanged {
        fr: "{detail} ; les sorties précédentes sont inchangées",
        en: "{detail}; the previous outputs are unchanged",
    }
    Written {
        fr: "écrit : {path}",
        en: "written: {path}",
    }
    SizeOption {
        fr: "--size : {detail}",
        en: "--size: {detail}",
    }
    BundleCannotBeWrittenTo {
        fr: "le bundle ne peut pas être écrit dans {path} : {detail}",
        en: "cannot write the bundle to {path}: {detail}",
    }
    SyntheticTerritory {
        fr: "{path} : territoire synthétique {size} (graine {seed}) : {actors} acteurs, {relations} relations, {iris} IRIS, {qpv} QPV ({seconds} s)",
        en: "{path}: synthetic territory {size} (seed {seed}): {actors} actors, {relations} relations, {iris} IRIS, {qpv} QPV ({seconds} s)",
    }
    SurveyFormsWritten {
        fr: "{count} questionnaire{count_s} écrit{count_s} dans {dir}",
        en: "{count} form{count_s} written into {dir}",
    }
    SurveyUsage {
        fr: "maillage survey BUNDLE --out DOSSIER écrit les questionnaires ; maillage survey merge BUNDLE DOSSIER fusionne les questionnaires rendus",
        en: "maillage survey BUNDLE --out FOLDER writes the forms; maillage survey merge BUNDLE FOLDER merges the returned forms",
    }
    MinScoreRange {
        fr: "--min-score {value} : le score va de 0 à 1",
        en: "--min-score {value}: the score goes from 0 to 1",
    }
    AddressFilesErrorsTitle {
        fr: "erreurs ({count}) dans les fichiers d'adresses :",
        en: "errors ({count}) in the address files:",
    }
    IndentedWarning {
        fr: "  avertissement : {problem}",
        en: "  warning: {problem}",
    }
    NothingWrittenTo {
        fr: "{path} : rien n'a été écrit",
        en: "{path}: nothing written",
    }
    AddressFilesRead {
        fr: "fichiers d'adresses : {addresses} adresses, {streets} voies, {communes} communes",
        en: "address files: {addresses} addresses, {streets} streets, {communes} communes",
    }
    ActorsCsvUnchangedAfterErrors {
        fr: "{path} : actors.csv n'a pas été modifié",
        en: "{path}: actors.csv was not changed",
    }
    ActorsPlacedOf {
        fr: "{path} : {count} acteur{count_s} placé{count_s} sur {rows} avec une adresse à géocoder",
        en: "{path}: {count} actor{count_s} placed of {rows} with an address to geocode",
    }
    MatchAtHouseNumber {
        fr: "au numéro",
        en: "at the house number",
    }
    MatchAtStreet {
        fr: "à la voie",
        en: "at the street",
    }
    MatchAtLocality {
        fr: "au lieu-dit",
        en: "at the locality",
    }
    MatchAtMunicipality {
        fr: "à la commune seulement",
        en: "at the commune only",
    }
    AddressNotFoundCount {
        fr: "adresse introuvable",
        en: "address not found",
    }
    KeptAsTheyWere {
        fr: "gardés tels quels",
        en: "kept as they were",
    }
    KeptAsTheyWereWhy {
        fr: "(coordonnées déjà saisies, gardées ; --overwrite pour les remplacer)",
        en: "(coordinates already entered, kept; --overwrite to replace them)",
    }
    WithoutAddress {
        fr: "sans adresse",
        en: "without address",
    }
    AddressNotFoundRow {
        fr: "  actors.csv:{line} : adresse introuvable « {address} »{id} : corriger l'adresse ou saisir x, y à la main",
        en: "  actors.csv:{line}: address not found \"{address}\"{id}: correct the address or enter x, y by hand",
    }
    LowScoreRow {
        fr: "  actors.csv:{line} : score faible {score} : « {address} »{id} placé {kind} « {label} » : à vérifier",
        en: "  actors.csv:{line}: low score {score}: \"{address}\"{id} placed {kind} \"{label}\": to check",
    }
    ActorsCsvRewritten {
        fr: "actors.csv réécrit (x, y, geocode_score, geocode_type, geocode_label)",
        en: "actors.csv rewritten (x, y, geocode_score, geocode_type, geocode_label)",
    }
    ActorsCsvNothingToGeocode {
        fr: "actors.csv inchangé : rien à géocoder",
        en: "actors.csv unchanged: nothing to geocode",
    }
    NothingImported {
        fr: "{path} : rien n'a été importé",
        en: "{path}: nothing imported",
    }
    ImportWrittenNotGeocoded {
        fr: "l'import est écrit ; les acteurs n'ont pas été géocodés",
        en: "the import is written; the actors were not geocoded",
    }
    ImportGeocoded {
        fr: "  géocodage : {report}",
        en: "  geocoded: {report}",
    }
    ImportRead {
        fr: "{source} {file} : {rows} lignes lues, {in_territory} dans le territoire, {imported} importées dans {bundle}",
        en: "{source} {file}: {rows} rows read, {in_territory} in the territory, {imported} imported into {bundle}",
    }
    ImportChanges {
        fr: "  ajoutés {added}, mis à jour {updated}, disparus {vanished} (gardés, import_status = vanished), revenus {returned}",
        en: "  added {added}, updated {updated}, vanished {vanished} (kept, import_status = vanished), returned {returned}",
    }
    IndicatorsRead {
        fr: "{file} : {rows} lignes lues, {matched} jointes aux zones de la couche « {layer} » de {bundle} ; {with_row} zones sur {zones} ont une ligne",
        en: "{file}: {rows} rows read, {matched} joined to the zones of the layer \"{layer}\" of {bundle}; {with_row} zones of {zones} have a row",
    }
    IndicatorsCommuneLevel {
        fr: "  tableau communal : chaque IRIS reçoit les valeurs de sa commune (5 premiers caractères de son code)",
        en: "  commune-level table: each IRIS gets the values of its commune (the first 5 characters of its code)",
    }
    IndicatorsColumns {
        fr: "  indicateurs écrits : {columns} ; nouvellement déclarés dans territory.toml : {declared}",
        en: "  indicators written: {columns}; newly declared in territory.toml: {declared}",
    }
    IndicatorsZonesWithoutRow {
        fr: "  {count} zones sans ligne (sans valeur) : {zones}",
        en: "  {count} zones without a row (no value): {zones}",
    }
    IndicatorsUnmatchedKeys {
        fr: "  {count} clés du tableau ne correspondent à aucune zone : {keys}",
        en: "  {count} keys of the table match no zone: {keys}",
    }
    IndicatorsNothingWritten {
        fr: "rien n’a été écrit dans {bundle}",
        en: "nothing was written into {bundle}",
    }
    ImportNeedsOption {
        fr: "{option} est nécessaire pour importer {source}",
        en: "{option} is needed to import {source}",
    }
    ImportBadIndicatorOption {
        fr: "{option} « {value} » : attendu COLONNE=TEXTE",
        en: "{option} \"{value}\": expected COLUMN=TEXT",
    }
    ImportBadBetter {
        fr: "--better « {value} » : attendu COLONNE=higher ou COLONNE=lower",
        en: "--better \"{value}\": expected COLUMN=higher or COLUMN=lower",
    }
    ImportPlaced {
        fr: "  placés par leurs coordonnées {coordinates}, à leur site FINESS {site}, à leur commune seulement {commune}",
        en: "  placed by coordinates {coordinates}, at their FINESS site {site}, at their commune only {commune}",
    }
    ImportKeptPoints {
        fr: "  points gardés (géocodés ou placés à la main, le fichier n'en donnant pas) : {count}",
        en: "  points kept (geocoded or placed by hand, the file giving none): {count}",
    }
    ImportUnmapped {
        fr: "  catégorie non reconnue {code} « {label} » : {count} lignes non importées (ajoutez-la à la table avec --mapping)",
        en: "  unmapped category {code} \"{label}\": {count} rows not imported (add it to the table with --mapping)",
    }
    ImportSkipped {
        fr: "  catégorie écartée {code} « {label} » : {count} lignes",
        en: "  skipped category {code} \"{label}\": {count} rows",
    }

    // The conversion of a bundle to a workbook bundle and back.
    BundleHasErrorsBeforeConversion {
        fr: "le bundle a {errors}, à corriger avant de le convertir :",
        en: "the bundle has {errors}, to correct before converting it:",
    }
    WorkbookCannotBeWritten {
        fr: "le classeur ne peut pas être écrit : {detail}",
        en: "the workbook cannot be written: {detail}",
    }
    LayerOutsideBeforeConversion {
        fr: "la couche « {layer} » est lue hors du dossier du bundle ({file}) : placez-la dans le dossier, ou donnez son chemin absolu, avant de convertir",
        en: "the layer \"{layer}\" is read from outside the bundle's folder ({file}): move it into the folder, or give its absolute path, before converting",
    }
    ManifestCannotBeReadForConversion {
        fr: "territory.toml ne peut pas être lu",
        en: "territory.toml cannot be read",
    }
    WorkbookMustBeXlsx {
        fr: "{path} : le classeur écrit doit être un fichier .xlsx (LibreOffice Calc l'ouvre, et l'enregistre en .ods si vous le souhaitez)",
        en: "{path}: the workbook written must be an .xlsx file (LibreOffice Calc opens it, and saves it as .ods if you wish)",
    }
    WorkbookIntoBundleFolder {
        fr: "{path} est le dossier du bundle : écrivez le classeur dans un autre dossier, qui deviendra un bundle à part entière",
        en: "{path} is the bundle's folder: write the workbook into another folder, which becomes a bundle of its own",
    }
    FolderAlreadyHoldsTables {
        fr: "{path} contient déjà {other} : un bundle tient ses tables soit en CSV, soit dans un seul classeur ; choisissez un dossier vide",
        en: "{path} already holds {other}: a bundle holds its tables either as CSV or in one workbook; choose an empty folder",
    }
    ProblemLines {
        fr: "{problems}",
        en: "{problems}",
    }
    ColumnsReadAsOne {
        fr: "dans {file}, les colonnes « {first} » et « {second} » seraient lues comme une seule colonne « {read_as} » dans un classeur : renommez l'une d'elles avant de convertir",
        en: "in {file}, the columns \"{first}\" and \"{second}\" would be read as one column \"{read_as}\" in a workbook: rename one of them before converting",
    }
    TableTooLongForSheet {
        fr: "{file} a {rows} lignes, plus qu'une feuille n'en tient ({limit}) : gardez ce bundle en CSV",
        en: "{file} has {rows} rows, more than a sheet holds ({limit}): keep this bundle as CSV",
    }
    CellTooLongForSheet {
        fr: "{file}:{line} : une cellule de la colonne « {column} » a plus de {limit} caractères, plus qu'une cellule de tableur n'en tient",
        en: "{file}:{line}: a cell of the column \"{column}\" has more than {limit} characters, more than a spreadsheet cell holds",
    }
    TemplateIsXlsx {
        fr: "{path} : le modèle s'écrit dans un fichier .xlsx",
        en: "{path}: the template is written to an .xlsx file",
    }
    FileCannotBeReadDetail {
        fr: "{path} ne peut pas être lu : {detail}",
        en: "{path} cannot be read: {detail}",
    }
    ManifestHasErrors {
        fr: "{path} a des erreurs :{problems}",
        en: "{path} has errors:{problems}",
    }
    TemplateWritten {
        fr: "écrit : {path} (feuilles Lisez-moi, acteurs, relations, actions, besoins, listes ; {kinds} types d'acteurs)",
        en: "written: {path} (sheets Lisez-moi, acteurs, relations, actions, besoins, listes; {kinds} kinds of actors)",
    }
    WorkbookBundleWritten {
        fr: "écrit : {path} (avec territory.toml et les couches dans {folder})",
        en: "written: {path} (with territory.toml and the layers in {folder})",
    }
    ConvertOutputKind {
        fr: "{path} : la sortie est un classeur .xlsx ou un dossier (pour un .ods, ouvrez le .xlsx dans LibreOffice Calc et enregistrez-le en .ods)",
        en: "{path}: the output is an .xlsx workbook or a folder (for an .ods, open the .xlsx in LibreOffice Calc and save it as .ods)",
    }
    FolderHoldsBundle {
        fr: "{path} tient déjà un bundle : choisissez un dossier vide",
        en: "{path} already holds a bundle: choose an empty folder",
    }
    CsvBundleWritten {
        fr: "écrit : {path} (territory.toml, actors.csv, relations.csv, actions.csv, needs.csv et les couches : {actors} acteurs, {relations} relations)",
        en: "written: {path} (territory.toml, actors.csv, relations.csv, actions.csv, needs.csv and the layers: {actors} actors, {relations} relations)",
    }
    TaxonomyTooLargeForLists {
        fr: "la taxonomie a plus de 999 types ou 99 secteurs : les listes déroulantes n'en montrent pas davantage",
        en: "the taxonomy has more than 999 kinds or 99 sectors: the drop-down lists show no more",
    }

    // The help of the command, its subcommands and their arguments.
    HelpAbout {
        fr: "Cartographie les acteurs de la coordination locale en santé et leurs partenariats, et fait le diagnostic du réseau d'un territoire.",
        en: "Maps the actors of local health coordination and their partnerships, and diagnoses the network of a territory.",
    }
    HelpUsageHeading {
        fr: "Utilisation :",
        en: "Usage:",
    }
    HelpCommandsHeading {
        fr: "Commandes",
        en: "Commands",
    }
    HelpArgumentsHeading {
        fr: "Arguments",
        en: "Arguments",
    }
    HelpOptionsHeading {
        fr: "Options",
        en: "Options",
    }
    HelpHelp {
        fr: "Affiche l'aide",
        en: "Print help",
    }
    HelpVersion {
        fr: "Affiche la version",
        en: "Print version",
    }
    HelpHelpCommand {
        fr: "Affiche l'aide de la commande donnée",
        en: "Print the help of the given command",
    }
    HelpHelpCommandName {
        fr: "La commande dont afficher l'aide",
        en: "The command whose help to print",
    }
    HelpBundleOrExample {
        fr: "Dossier du bundle (par défaut : l'exemple data/lyon7).",
        en: "Bundle folder (default: the example data/lyon7).",
    }
    HelpValidate {
        fr: "Vérifie un bundle : affiche chaque erreur et chaque avertissement. Code de sortie 0 s'il se charge, 1 s'il a des erreurs, 2 sur une erreur d'utilisation.",
        en: "Check a bundle: print every error and warning. Exit code 0 when it loads, 1 when it has errors, 2 on a usage error.",
    }
    HelpValidateJson {
        fr: "Affiche les problèmes en JSON (un objet avec errors et warnings).",
        en: "Print the problems as JSON (one object with errors and warnings).",
    }
    HelpDiagnose {
        fr: "Fait le diagnostic d'un bundle : affiche un résumé et écrit toutes les sorties (cartes, tableaux, fichiers de graphe, le rapport).",
        en: "Diagnose a bundle: print a summary and write every output (maps, tables, graph files, the report).",
    }
    HelpCompare {
        fr: "Compare des territoires : fait le diagnostic de chaque bundle (en parallèle), écrit ses sorties dans SORTIE/NOM (NOM : le nom du dossier du bundle) et la comparaison dans SORTIE (comparaison.html, comparaison.csv, comparaison_figures.csv, comparaison_chevauchements.csv, comparaison_echecs.csv). Un bundle en échec est signalé, les autres sont comparés. Code de sortie 0 quand tous sont comparés, 1 quand l'un a échoué (les autres écrits), 2 pour une erreur d'usage.",
        en: "Compare territories: diagnose each bundle (in parallel), write its outputs into OUT/NAME (NAME: the bundle folder's name) and the comparison into OUT (comparaison.html, comparaison.csv, comparaison_figures.csv, comparaison_chevauchements.csv, comparaison_echecs.csv). A bundle that fails is reported and the others are compared. Exit code 0 when all were compared, 1 when one failed (the others written), 2 on a usage error.",
    }
    HelpCompareBundles {
        fr: "Dossiers des bundles (le nom de chaque dossier doit être unique).",
        en: "Bundle folders (each folder's name must be unique).",
    }
    HelpCompareOut {
        fr: "Dossier de sortie, créé au besoin : la comparaison, et un dossier par territoire.",
        en: "Output folder, created if needed: the comparison, and a folder per territory.",
    }
    HelpCrs {
        fr: "Coordonnées des formats SIG (diagnostic.gpkg, *.parquet) : EPSG:2154 (Lambert-93) ou EPSG:4326 (WGS84 lon/lat). Par défaut : le système du bundle.",
        en: "Coordinates of the GIS formats (diagnostic.gpkg, *.parquet): EPSG:2154 (Lambert-93) or EPSG:4326 (WGS84 lon/lat). Default: the bundle's CRS.",
    }
    HelpDiagnoseFormat {
        fr: "Écrit aussi un format SIG : gpkg (diagnostic.gpkg, avec les styles QGIS) ou parquet (zones.parquet, actors.parquet, ties.parquet) ; à répéter pour les deux.",
        en: "Also write a GIS format: gpkg (diagnostic.gpkg, with QGIS styles) or parquet (zones.parquet, actors.parquet, ties.parquet); repeat it for both.",
    }
    HelpOutFolder {
        fr: "Dossier de sortie, créé si besoin.",
        en: "Output folder, created if needed.",
    }
    HelpQuiet {
        fr: "N'affiche que les erreurs.",
        en: "Print nothing but errors.",
    }
    HelpExport {
        fr: "Écrit une sortie d'un diagnostic, dans un fichier ou sur la sortie standard.",
        en: "Write one output of a diagnosis, to a file or to the standard output.",
    }
    HelpExportFormat {
        fr: "La sortie, l’une de : {files}.",
        en: "The output, one of: {files}.",
    }
    HelpExportOut {
        fr: "Fichier écrit (atomiquement) ; - pour la sortie standard. Par défaut : le nom de la sortie dans le dossier courant.",
        en: "File written (atomically); - for the standard output. Default: the output's name in the current folder.",
    }
    HelpIndicator {
        fr: "Propriété de zone qui colore la carte, dont les indicateurs déclarés dans territory.toml ([layers.NOM.indicators.PROPRIÉTÉ]) ; à répéter pour plusieurs cartes dans le rapport (zones.geojson prend la première). Par défaut : l'accès au premier type requis.",
        en: "Zone property that colours the map, the indicators declared in territory.toml ([layers.NAME.indicators.PROPERTY]) included; repeat it for several maps in the report (zones.geojson takes the first). Default: access of the first required kind.",
    }
    HelpPartition {
        fr: "Attribut des acteurs qui définit les groupes (sector, kind, family ou une colonne de actors.csv ; par défaut : la partition du manifeste).",
        en: "Actor attribute that defines groups (sector, kind, family or a column of actors.csv; default: the manifest's partition).",
    }
    HelpBetweennessPivots {
        fr: "Estime l'intermédiarité à partir de K pivots tirés au sort au lieu du calcul exact (par défaut : exact jusqu'à 2e10 acteurs × liens, environ un département de 50 000 acteurs ; au-delà : 1 024 pivots pour l'intermédiarité, 256 par composante pour la proximité).",
        en: "Estimate betweenness from K seeded pivots instead of exactly (default: exact up to 2e10 actors × ties, about a department of 50,000 actors, above: 1,024 pivots for betweenness, 256 per component for closeness).",
    }
    HelpSeed {
        fr: "Graine de chaque tirage au sort (pivots, communautés, acteurs clés).",
        en: "Seed of every random choice (pivots, communities, key players).",
    }
    HelpSuggestions {
        fr: "Combien de liens suggérer dans suggestions.csv et le rapport, les meilleurs d'abord.",
        en: "How many links to suggest in suggestions.csv and the report, best first.",
    }
    HelpIncludeIndividuals {
        fr: "Montre les professionnels individuels dans les sorties de présentation (actors.geojson, network.geojson, report.html) ; par défaut ils sont seulement comptés dans leur zone.",
        en: "Show individual professionals in the presentation outputs (actors.geojson, network.geojson, report.html); by default they are only counted in their zone.",
    }
    HelpMinCount {
        fr: "Pour publier : masque les effectifs de zone de 1 à N-1 dans zones.geojson et le rapport (montrés null / « s », avec ce qui permettrait de les retrouver). Sans N : 11, la règle française des données de santé. Par défaut : rien n'est masqué (les tableaux gardent tous les effectifs).",
        en: "For publication: suppress zone counts from 1 to N-1 in zones.geojson and the report (shown null / \"s\", with what would give them back). Without N: 11, the French health-data rule. Default: nothing suppressed (the tables keep every count).",
    }
    HelpConfirmedOnly {
        fr: "Diagnostic des seuls liens confirmés : relations saisies à la main, et celles d'une enquête que les deux parties ont nommées (docs/analyses.md, « Confirmed ties and reciprocity »).",
        en: "Diagnose the confirmed ties only: relations entered by hand, and those of a survey that both sides named (docs/analyses.md, \"Confirmed ties and reciprocity\").",
    }
    HelpSince {
        fr: "Une date antérieure (AAAA-MM-JJ) : le résumé, le rapport (« Avant / après ») et evolution.csv disent ce qui a changé depuis (liens, dispositifs, points fragiles, actions, besoins, adhésion aux dispositifs).",
        en: "An earlier date (YYYY-MM-DD): the summary, the report (\"Avant / après\") and evolution.csv say what changed since (ties, dispositifs, fragile places, actions, needs, membership of the dispositifs).",
    }
    HelpImport {
        fr: "Importe un fichier national de données ouvertes (FINESS, RPPS, data·inclusion, QPV, IRIS, communes) dans un bundle, filtré sur un territoire, en gardant ce qui a été saisi à la main.",
        en: "Import a national open-data file (FINESS, RPPS, data·inclusion, QPV, IRIS, communes) into a bundle, filtered to a territory, keeping what was entered by hand.",
    }
    HelpImportSource {
        fr: "Ce qu'est FILE : finess (fichier stock etalab cs1100507), rpps (PS_LibreAcces_Personne_activite), data-inclusion (structures), qpv (contours des QPV 2024), iris (contours IRIS, avec --population) ou communes (contours des communes, avec --population) ; indicators (tableau INSEE d’indicateurs par zone, avec --into, --layer et --key).",
        en: "What FILE is: finess (etalab cs1100507 stock file), rpps (PS_LibreAcces_Personne_activite), data-inclusion (structures), qpv (QPV 2024 outlines), iris (IRIS outlines, with --population) or communes (commune outlines, with --population); indicators (INSEE-style table of indicators by zone, with --into, --layer and --key).",
    }
    HelpImportFile {
        fr: "Le fichier national.",
        en: "The national file.",
    }
    HelpImportTerritory {
        fr: "Le territoire : codes INSEE de communes séparés par des virgules (30269,30140,30311), ou le nom d'une couche du bundle dont les identifiants sont des codes de communes (ou d'IRIS). Sans objet pour indicators.",
        en: "The territory: comma-separated INSEE commune codes (30269,30140,30311), or the name of a layer of the bundle whose ids are commune (or IRIS) codes. Not used by indicators.",
    }
    HelpImportInto {
        fr: "Le dossier du bundle où fusionner (créé s'il n'existe pas). Les lignes et colonnes saisies à la main sont gardées ; les acteurs que le fichier ne contient plus sont marqués disparus. Alias : --bundle (le bundle doit exister pour indicators).",
        en: "The bundle folder to merge into (created when absent). Hand-entered rows and columns are kept; actors the file no longer holds are marked vanished. Alias: --bundle (the bundle must exist for indicators).",
    }
    HelpImportMapping {
        fr: "Une table de catégories (TOML, au format de crates/maillage/data/import/*.toml) qui remplace celle intégrée.",
        en: "A category table (TOML, the layout of crates/maillage/data/import/*.toml) overriding the built-in.",
    }
    HelpImportDate {
        fr: "Date écrite dans import_date (par défaut : la date d'extraction du fichier, sinon aujourd'hui).",
        en: "Date written in import_date (default: the file's extraction date, else today).",
    }
    HelpImportPopulation {
        fr: "Tableau de population joint aux contours IRIS, communes ou QPV.",
        en: "Population table joined to IRIS, commune or QPV outlines.",
    }
    HelpImportServices {
        fr: "Fichier des services data·inclusion : chaque structure reçoit les noms et thèmes de ses services.",
        en: "data·inclusion services file: each structure gets its services' names and themes.",
    }
    HelpImportLayerName {
        fr: "Nom de la couche écrite par qpv, iris ou communes (par défaut : le nom de la source).",
        en: "Name of the layer written by qpv, iris or communes (default: the source's name).",
    }
    HelpImportCommuneLayer {
        fr: "Couche des contours de communes à laquelle sont rattachés les acteurs sans point.",
        en: "Layer of commune outlines that actors without a point are attached to.",
    }
    HelpImportBan {
        fr: "Fichier(s) de la Base Adresse Nationale (adresses-NN.csv.gz, BAL ou BANO) : les acteurs importés sans point (professionnels RPPS sans site FINESS du bundle, structures data·inclusion sans coordonnées) sont placés à leur adresse dans le même passage. À répéter pour plusieurs départements.",
        en: "Base Adresse Nationale file(s) (adresses-NN.csv.gz, BAL or BANO): the imported actors without a point (RPPS professionals without a FINESS site of the bundle, data·inclusion structures without coordinates) are placed at their address in the same run. Repeat for several departments.",
    }
    HelpImportLayer {
        fr: "indicators : la couche du bundle dont les zones reçoivent les valeurs (iris).",
        en: "indicators: the layer of the bundle whose zones get the values (iris).",
    }
    HelpImportKey {
        fr: "indicators : la colonne du tableau qui porte l’identifiant de la zone (CODE_IRIS) ; un code de commune (CODGEO, 5 caractères) pour une couche d’IRIS donne à chaque IRIS la valeur de sa commune.",
        en: "indicators: the table's column holding the zone id (CODE_IRIS); a commune code (CODGEO, 5 characters) for a layer of IRIS gives each IRIS the value of its commune.",
    }
    HelpImportColumns {
        fr: "indicators : les colonnes à importer, séparées par des virgules (par défaut : toutes les colonnes numériques sauf la clé).",
        en: "indicators: the columns to import, comma-separated (default: every numeric column but the key).",
    }
    HelpImportLabel {
        fr: "indicators : libellé d’un nouvel indicateur, COLONNE=TEXTE (par défaut : le nom de la colonne). À répéter.",
        en: "indicators: label of a new indicator, COLUMN=TEXT (default: the column's name). Repeat for several.",
    }
    HelpImportUnit {
        fr: "indicators : unité d’un nouvel indicateur, COLONNE=TEXTE (%). À répéter.",
        en: "indicators: unit of a new indicator, COLUMN=TEXT (%). Repeat for several.",
    }
    HelpImportBetter {
        fr: "indicators : sens d’un nouvel indicateur, COLONNE=higher (une valeur haute est meilleure) ou COLONNE=lower ; nécessaire pour chaque colonne pas encore déclarée. À répéter.",
        en: "indicators: direction of a new indicator, COLUMN=higher (a higher value is better) or COLUMN=lower; needed for each column not declared yet. Repeat for several.",
    }
    HelpImportAs {
        fr: "indicators : importe une colonne sous un autre nom de propriété, COLONNE=NOM (un en-tête avec des espaces ou des virgules devient un nom utilisable dans territory.toml) ; la colonne est importée en plus de --columns, et --label, --unit, --better se donnent avec NOM. À répéter.",
        en: "indicators: import a column under another property name, COLUMN=NAME (a header with spaces or commas becomes a name territory.toml can use); the column is imported besides --columns, and --label, --unit, --better take NAME. Repeat for several.",
    }
    HelpImportValuesOnly {
        fr: "indicators : écrit seulement les valeurs dans la couche, sans déclarer d’indicateur (les bandes d’âge d’une demande, par exemple) ; --better n’est alors pas demandé.",
        en: "indicators: write the values into the layer only, declaring no indicator (the age bands of a demand, for example); --better is then not needed.",
    }
    IndicatorsSecretCells {
        fr: "  {count} cellules lues sans valeur (secret statistique ou non disponible : s, nd, N/A…)",
        en: "  {count} cells read as no value (statistical secret or not available: s, nd, N/A…)",
    }
    HelpReportJson {
        fr: "Affiche le rapport en JSON.",
        en: "Print the report as JSON.",
    }
    HelpGeocode {
        fr: "Place les acteurs d'un bundle à leur adresse (colonnes address, postcode, citycode ou commune de actors.csv), avec les fichiers de la Base Adresse Nationale (hors ligne) ou un serveur compatible addok ; écrit x, y, geocode_score, geocode_type et geocode_label dans actors.csv. Code de sortie 0 une fois fait, 1 sur des erreurs (rien n'est écrit), 2 sur une erreur d'utilisation.",
        en: "Place the actors of a bundle at their address (address, postcode, citycode or commune columns of actors.csv), against Base Adresse Nationale files (offline) or an addok-compatible server; writes x, y, geocode_score, geocode_type and geocode_label into actors.csv. Exit code 0 when done, 1 on errors (nothing written), 2 on a usage error.",
    }
    HelpGeocodeBundle {
        fr: "Le dossier du bundle : actors.csv est réécrit sur place (atomiquement), avec x, y, geocode_score, geocode_type et geocode_label.",
        en: "The bundle folder: actors.csv is rewritten in place (atomically), with x, y, geocode_score, geocode_type and geocode_label.",
    }
    HelpGeocodeBan {
        fr: "Un fichier de la Base Adresse Nationale (adresses-NN.csv ou .csv.gz), d'une Base Adresse Locale ou de la BANO ; à répéter pour plusieurs départements.",
        en: "A Base Adresse Nationale file (adresses-NN.csv or .csv.gz), a Base Adresse Locale or a BANO file; repeat it for several departments.",
    }
    HelpGeocodeApi {
        fr: "Géocode plutôt avec un serveur compatible addok (par exemple https://api-adresse.data.gouv.fr) : les adresses quittent la machine.",
        en: "Geocode through an addok-compatible server instead (for example https://api-adresse.data.gouv.fr): the addresses leave the machine.",
    }
    HelpGeocodeOverwrite {
        fr: "Remplace les coordonnées déjà présentes dans actors.csv (par défaut un point saisi à la main est gardé).",
        en: "Replace the coordinates already in actors.csv (by default a point entered by hand is kept).",
    }
    HelpGeocodeMinScore {
        fr: "Les points trouvés avec un score plus bas (de 0 à 1) sont listés en avertissements à vérifier.",
        en: "Points found with a lower score (0 to 1) are listed as warnings to check.",
    }
    HelpTemplate {
        fr: "Écrit un classeur vierge à remplir (.xlsx) : feuilles acteurs, relations, actions, besoins aux en-têtes français, listes déroulantes des types, feuille Lisez-moi.",
        en: "Write a blank workbook to fill in (.xlsx): sheets acteurs, relations, actions, besoins with French headers, drop-down lists of the kinds, a Lisez-moi sheet.",
    }
    HelpTemplateOut {
        fr: "Le classeur écrit (.xlsx).",
        en: "The workbook written (.xlsx).",
    }
    HelpTemplateBundle {
        fr: "Un bundle dont la taxonomie (avec ses propres types d'acteurs) remplit les listes déroulantes ; par défaut la taxonomie intégrée.",
        en: "A bundle whose taxonomy (with its own kinds of actors) fills the drop-down lists; by default the built-in taxonomy.",
    }
    HelpConvert {
        fr: "Convertit un bundle en bundle classeur (OUT.xlsx : le classeur, avec territory.toml et les couches copiés à côté) ou le remet en CSV (OUT_DIR).",
        en: "Convert a bundle to a workbook bundle (OUT.xlsx: the workbook, with territory.toml and the layers copied beside it) or back to CSV (OUT_DIR).",
    }
    HelpConvertBundle {
        fr: "Le bundle à convertir (tables CSV ou classeur).",
        en: "The bundle to convert (CSV tables or workbook).",
    }
    HelpConvertOut {
        fr: "Un fichier .xlsx : le classeur écrit, territory.toml et les couches copiés à côté de lui. Un dossier : le bundle réécrit en fichiers CSV.",
        en: "An .xlsx file: the workbook written, territory.toml and the layers copied beside it. A folder: the bundle rewritten as CSV files.",
    }
    HelpSurvey {
        fr: "Enquête sur les partenariats : survey BUNDLE --out DOSSIER écrit un questionnaire par structure et dispositif ; survey merge BUNDLE DOSSIER fusionne les questionnaires rendus dans relations.csv et en fait le rapport.",
        en: "Partnership survey: survey BUNDLE --out FOLDER writes one form per structure and dispositif; survey merge BUNDLE FOLDER merges the returned forms into relations.csv and reports on them.",
    }
    HelpSurveyBundle {
        fr: "Le bundle du territoire.",
        en: "The territory's bundle.",
    }
    HelpSurveyOut {
        fr: "Le dossier où écrire les questionnaires (créé si besoin ; il ne doit contenir aucun classeur).",
        en: "The folder to write the forms into (created if needed; it must hold no workbook).",
    }
    HelpSurveyMerge {
        fr: "Fusionne les questionnaires rendus du dossier DIR dans relations.csv du bundle, et écrit le rapport (rapport_enquete.csv) dans DIR. Code de sortie 0 une fois fait, 1 sur une erreur (rien n'est écrit).",
        en: "Merge the returned forms of the folder DIR into the bundle's relations.csv, and write the report (rapport_enquete.csv) into DIR. Exit code 0 when done, 1 on an error (nothing written).",
    }
    HelpSurveyMergeBundle {
        fr: "Le bundle du territoire (tables CSV).",
        en: "The territory's bundle (CSV tables).",
    }
    HelpSurveyMergeDir {
        fr: "Le dossier des questionnaires rendus (.xlsx ou .ods).",
        en: "The folder of the returned forms (.xlsx or .ods).",
    }
    HelpGenerate {
        fr: "Écrit un bundle de territoire synthétique tiré d'une graine (pour les mesures de performance) : tailles S (500 acteurs), M (5 000), L (50 000), XL (500 000 acteurs, 4 000 000 de relations, 50 000 IRIS).",
        en: "Write a seeded synthetic territory bundle (for benchmarks): sizes S (500 actors), M (5,000), L (50,000), XL (500,000 actors, 4,000,000 relations, 50,000 IRIS).",
    }
    HelpGenerateSize {
        fr: "S, M, L ou XL.",
        en: "S, M, L or XL.",
    }
    HelpGenerateSeed {
        fr: "Graine de chaque tirage au sort : la même graine écrit le même bundle.",
        en: "Seed of every random choice: the same seed writes the same bundle.",
    }
    HelpGenerateOut {
        fr: "Dossier du bundle, créé si besoin.",
        en: "Bundle folder, created if needed.",
    }

    // The Python package's own checks of its arguments.
    ValueIsNot {
        fr: "{argument} : « {text} » {detail}",
        en: "{argument}: \"{text}\" is {detail}",
    }
    ExpectedDateArgument {
        fr: "{argument} : attendu : un datetime.date ou une date ISO comme '2024-06-30', reçu {given}",
        en: "{argument}: expected a datetime.date or an ISO date string such as '2024-06-30', got {given}",
    }
    NoDiagnosisPart {
        fr: "« {key} » : un diagnostic a 'summary', 'coverage', 'network', 'gaps' et 'solicitation'",
        en: "\"{key}\": a diagnosis has 'summary', 'coverage', 'network', 'gaps' and 'solicitation'",
    }
    NotConverted {
        fr: "le résultat ne peut pas être converti en objets Python : {detail}",
        en: "the result could not be converted to Python objects: {detail}",
    }
    ExpectedIndicatorNames {
        fr: "indicator : attendu : un nom de propriété de zone ou une liste de noms",
        en: "indicator: expected a zone property name or a list of names",
    }
    NoMapLayer {
        fr: "couche « {layer} » : attendu : 'zones', 'actors' ou 'network'",
        en: "layer \"{layer}\": expected 'zones', 'actors' or 'network'",
    }
    BanOrApiNotBoth {
        fr: "donnez soit ban (des fichiers d'adresses, hors ligne), soit api (l'adresse d'un serveur), pas les deux",
        en: "give either ban (address files, offline) or api (a server URL), not both",
    }
    NothingToGeocodeWith {
        fr: "rien pour géocoder : donnez ban=[\"adresses-NN.csv.gz\", ...] (fichiers de la Base Adresse Nationale) ou api=\"https://api-adresse.data.gouv.fr\"",
        en: "nothing to geocode with: give ban=[\"adresses-NN.csv.gz\", ...] (Base Adresse Nationale files) or api=\"https://api-adresse.data.gouv.fr\"",
    }
    MinScoreArgument {
        fr: "min_score {value} : le score va de 0 à 1",
        en: "min_score {value}: the score goes from 0 to 1",
    }
    NoAddressColumnAmong {
        fr: "aucune colonne d'adresse parmi {header} (attendu : \"address\" ou \"adresse\", et si besoin \"postcode\"/\"code_postal\", \"citycode\"/\"code_insee\", \"commune\")",
        en: "no address column among {header} (expected \"address\" or \"adresse\", with optional \"postcode\"/\"code_postal\", \"citycode\"/\"code_insee\", \"commune\")",
    }
    NoNetworkTable {
        fr: "pas de tableau « {table} » (attendu : 'actors', 'groups', 'communities' ou 'dispositifs')",
        en: "no table \"{table}\" (expected 'actors', 'groups', 'communities' or 'dispositifs')",
    }

    // Shared themes, structures and dispositifs, the two-mode view (docs/analyses.md
    // §5): the summary's lines, the report's sections (always in French) and the
    // title of the two-mode graph files.
    SummarySharedThemes {
        fr: "sujets communs entre dispositifs : {pairs} paire{pairs_s} sur {total} avec au moins un thème commun (thèmes des membres, actions communes, besoins des zones servies par les deux)",
        en: "shared themes between dispositifs: {pairs} pair{pairs_s} of {total} with at least one theme in common (members' themes, joint actions, needs of the zones both serve)",
    }
    SummaryOverlap {
        fr: "structures et dispositifs (mêmes membres) : {count} structure{count_s} dont la moitié des membres au moins sont membres d'un dispositif",
        en: "structures and dispositifs (the same members): {count} structure{count_s} with at least half of their members in a dispositif",
    }
    SummaryOverlapPair {
        fr: "  {structure} – {dispositif} : {structure_share} % de ses membres, {dispositif_share} % de ceux du dispositif",
        en: "  {structure} – {dispositif}: {structure_share}% of its members, {dispositif_share}% of the dispositif's",
    }
    SummaryAffiliation {
        fr: "vue d'affiliation (acteurs × actions communes et dispositifs) : {actors} acteurs, {actions} actions, {dispositifs} dispositifs, {ties} appartenances ; {pairs} paires d'acteurs réunies, dont {without} sans relation déclarée",
        en: "affiliation view (actors × joint actions and dispositifs): {actors} actors, {actions} actions, {dispositifs} dispositifs, {ties} affiliations; {pairs} pairs of actors brought together, {without} of them without a declared relation",
    }
    AffiliationGraphTitle {
        fr: "{territory} : acteurs, actions communes et dispositifs",
        en: "{territory}: actors, joint actions and dispositifs",
    }
    ReportSharedThemesTitle {
        fr: "Sujets communs entre dispositifs",
        en: "Shared themes between dispositifs",
    }
    ReportSharedThemesIntro {
        fr: "Pour chaque paire de dispositifs, les thèmes qu’ils ont en commun et d’où ils viennent : les thèmes du dispositif et de ses membres de chaque côté (nombre d’acteurs de l’un et de l’autre), les actions communes sur ce thème, les besoins relevés dans des zones que les deux servent. {pairs} paire{pairs_s} sur {total} {have} au moins un thème commun.",
        en: "For each pair of dispositifs, the themes they have in common and where they come from: the themes of the dispositif and its members on each side (actors of one and of the other), the joint actions on the theme, the needs found in zones both serve. {pairs} pair{pairs_s} of {total} {have} at least one theme in common.",
    }
    ReportHaveOne {
        fr: "a",
        en: "has",
    }
    ReportHaveMany {
        fr: "ont",
        en: "have",
    }
    ReportDispositifs {
        fr: "Dispositifs",
        en: "Dispositifs",
    }
    ReportTheme {
        fr: "Thème",
        en: "Theme",
    }
    ReportActorsOnEachSide {
        fr: "Acteurs de chaque côté",
        en: "Actors on each side",
    }
    ReportJointActions {
        fr: "Actions communes",
        en: "Joint actions",
    }
    ReportNeedZones {
        fr: "Besoins des zones servies par les deux",
        en: "Needs of the zones both serve",
    }
    ReportSharedThemesColumn {
        fr: "Thèmes communs",
        en: "Shared themes",
    }
    ReportMoreRows {
        fr: "Les {shown} premières lignes sont ci-dessus ; les {more} autres sont dans le tableau {file}.",
        en: "The first {shown} rows are above; the {more} others are in {file}.",
    }
    ReportOverlapTitle {
        fr: "Structures et dispositifs : les mêmes acteurs ?",
        en: "Structures and dispositifs: the same actors?",
    }
    ReportOverlapIntro {
        fr: "Les structures (MSP, centres de santé, hôpitaux…) dont la moitié des membres au moins sont aussi membres d’un dispositif, directement ou par une structure membre (une MSP membre d’une CPTS y fait entrer ses professionnel·les). La part des membres du dispositif montre quand le dispositif est, pour l’essentiel, la structure elle-même. {count} structure{count_s} sur {total} {are} dans ce cas.",
        en: "The structures (MSP, health centres, hospitals…) at least half of whose members are also members of a dispositif, directly or through a member structure (an MSP member of a CPTS brings its professionals into it). The share of the dispositif's members shows when the dispositif is, for the most part, the structure itself. {count} structure{count_s} of {total} {are} in this case.",
    }
    ReportIsOne {
        fr: "est",
        en: "is",
    }
    ReportIsMany {
        fr: "sont",
        en: "are",
    }
    ReportStructure {
        fr: "Structure",
        en: "Structure",
    }
    ReportDispositif {
        fr: "Dispositif",
        en: "Dispositif",
    }
    ReportStructureMembers {
        fr: "Membres de la structure",
        en: "Members of the structure",
    }
    ReportSharedMembers {
        fr: "Membres des deux",
        en: "Members of both",
    }
    ReportStructureShare {
        fr: "Part des membres de la structure",
        en: "Share of the structure's members",
    }
    ReportDispositifShare {
        fr: "Part des membres du dispositif",
        en: "Share of the dispositif's members",
    }
    ReportStructureIsMember {
        fr: "Structure membre du dispositif",
        en: "Structure a member of the dispositif",
    }
    ReportAffiliationTitle {
        fr: "Qui se retrouve où : actions communes et dispositifs",
        en: "Who meets where: joint actions and dispositifs",
    }
    ReportAffiliationIntro {
        fr: "La vue d’affiliation relie chaque acteur aux actions communes et aux dispositifs auxquels il appartient : {actors} acteurs, {actions} actions communes et {dispositifs} dispositifs, {action_ties} participations à une action et {dispositif_ties} adhésions. Deux acteurs qui se retrouvent dans une même action ou un même dispositif sont réunis : {pairs} paires, dont {without} sans aucune relation déclarée entre elles. Les fichiers affiliation.graphml et affiliation.gexf l’ouvrent dans Gephi.",
        en: "The affiliation view ties each actor to the joint actions and dispositifs it belongs to: {actors} actors, {actions} joint actions and {dispositifs} dispositifs, {action_ties} action participations and {dispositif_ties} memberships. Two actors in the same action or dispositif are brought together: {pairs} pairs, {without} of them without any declared relation. The files affiliation.graphml and affiliation.gexf open it in Gephi.",
    }
    ReportUnacquaintedIntro {
        fr: "Les organisations qui se retrouvent le plus souvent (au moins deux fois) sans relation déclarée : elles se croisent sans travailler ensemble, ou leur partenariat n’est pas encore saisi.",
        en: "The organisations that meet most often (at least twice) without a declared relation: they meet without working together, or their partnership is not entered yet.",
    }
    ReportActors {
        fr: "Acteurs",
        en: "Actors",
    }
    ReportMeetings {
        fr: "Actions et dispositifs en commun",
        en: "Actions and dispositifs in common",
    }

    // The declared zone indicators: the report's section and the summary's lines
    // (docs/outputs.md, "Report"; docs/analyses.md §2, "Declared zone indicators").
    ReportIndicatorsTitle {
        fr: "Indicateurs des quartiers",
        en: "Neighbourhood indicators",
    }
    ReportIndicatorsIntro {
        fr: "Les indicateurs déclarés pour la couche « {layer} » ({declared}) : {list}. Leurs valeurs viennent du lot de données ; le diagnostic les compare entre zones prioritaires et autres zones, classe les zones de la plus touchée à la moins touchée et met à côté de chacune les acteurs qui la servent.",
        en: "The indicators declared for layer \"{layer}\" ({declared}): {list}. Their values come from the bundle; the diagnosis compares them between priority zones and other zones, ranks the zones from the worst off to the best off and puts beside each one the actors that serve it.",
    }
    ReportIndicatorsBetterLower {
        fr: "plus bas est mieux",
        en: "lower is better",
    }
    ReportIndicatorsBetterHigher {
        fr: "plus haut est mieux",
        en: "higher is better",
    }
    ReportIndicatorsComparisonHeading {
        fr: "Zones prioritaires et autres zones",
        en: "Priority zones and other zones",
    }
    ReportIndicatorsComparisonNote {
        fr: "Zones prioritaires : {priority_zones} ({priority_population} habitants) ; autres zones : {other_zones} ({other_population} habitants). Chaque valeur est la moyenne des zones qui en ont une, pondérée par leur population ; une zone sans valeur n’y entre pas. Écart : zones prioritaires moins autres zones.",
        en: "Priority zones: {priority_zones} ({priority_population} inhabitants); other zones: {other_zones} ({other_population} inhabitants). Each value is the mean of the zones that have one, weighted by their population; a zone without a value is left out. Difference: priority zones minus other zones.",
    }
    ReportIndicatorsNoPriority {
        fr: "La couche « {layer} » n’a aucune zone prioritaire : seule la moyenne de l’ensemble des zones est donnée.",
        en: "Layer \"{layer}\" has no priority zone: only the mean over every zone is given.",
    }
    ReportIndicatorsIndicator {
        fr: "Indicateur",
        en: "Indicator",
    }
    ReportIndicatorsPriorityZones {
        fr: "Zones prioritaires",
        en: "Priority zones",
    }
    ReportIndicatorsOtherZones {
        fr: "Autres zones",
        en: "Other zones",
    }
    ReportIndicatorsDifference {
        fr: "Écart",
        en: "Difference",
    }
    ReportIndicatorsWithValue {
        fr: "Zones renseignées (prioritaires / autres)",
        en: "Zones with a value (priority / other)",
    }
    ReportIndicatorsWithoutValue {
        fr: "Zones sans valeur",
        en: "Zones without a value",
    }
    ReportIndicatorsRankingHeading {
        fr: "Classement : {indicator}",
        en: "Ranking: {indicator}",
    }
    ReportIndicatorsWorstHighest {
        fr: "la valeur la plus haute en tête, une valeur plus basse étant meilleure",
        en: "the highest value first, a lower value being better",
    }
    ReportIndicatorsWorstLowest {
        fr: "la valeur la plus basse en tête, une valeur plus haute étant meilleure",
        en: "the lowest value first, a higher value being better",
    }
    ReportIndicatorsRankingNote {
        fr: "Les zones les plus touchées d’abord : {order} ; à valeur égale, dans l’ordre de leur identifiant. À côté de chaque zone, les acteurs qui la servent : ceux qui y sont localisés, et pour chaque type requis leur nombre · l’accès ({method} pour 10 000 habitants à moins de {catchment} m).",
        en: "The worst-off zones first: {order}; equal values in the order of their ids. Beside each zone, the actors that serve it: those located in it, and for each required kind their count · access ({method} per 10,000 inhabitants within {catchment} m).",
    }
    ReportIndicatorsRest {
        fr: "Les {more} autres zones classées vont de {from} à {to}, dont {priority} prioritaire{priority_s} ; le tableau indicators.csv les classe toutes.",
        en: "The {more} other ranked zones range from {from} to {to}, {priority} of them priority; the table indicators.csv ranks them all.",
    }
    ReportIndicatorsUnranked {
        fr: "Sans valeur, donc non classée{count_s} : {count} zone{count_s} ({zones}).",
        en: "Without a value, hence not ranked: {count} zone{count_s} ({zones}).",
    }
    ReportIndicatorsNoValue {
        fr: "Aucune zone n’a de valeur : rien à classer.",
        en: "No zone has a value: nothing to rank.",
    }
    ReportIndicatorsZone {
        fr: "Zone",
        en: "Zone",
    }
    ReportIndicatorsPriority {
        fr: "Prioritaire",
        en: "Priority",
    }
    ReportIndicatorsYes {
        fr: "oui",
        en: "yes",
    }
    ReportIndicatorsNo {
        fr: "non",
        en: "no",
    }
    ReportIndicatorsLocated {
        fr: "Acteurs localisés",
        en: "Located actors",
    }
    ReportIndicatorsKindColumn {
        fr: "{kind} : nombre · accès",
        en: "{kind}: count · access",
    }
    ReportIndicatorsMapHeading {
        fr: "Carte : {indicator}",
        en: "Map: {indicator}",
    }
    ReportIndicatorsMapNote {
        fr: "Plus une zone est foncée, plus elle est touchée, quel que soit le sens de l’indicateur.",
        en: "The darker a zone, the worse off it is, whichever way the indicator reads.",
    }
    ReportIndicatorsMapAbove {
        fr: "La carte de « {indicator} » est plus haut, parmi les cartes du rapport.",
        en: "The map of \"{indicator}\" is above, among the report's maps.",
    }
    SummaryIndicator {
        fr: "indicateur « {label} » ({better}) : zones prioritaires {priority}, autres zones {other} (moyennes pondérées par la population ; {with_value} zones renseignées sur {zones}) ; la plus touchée : {worst}",
        en: "indicator \"{label}\" ({better}): priority zones {priority}, other zones {other} (population-weighted means; {with_value} zones with a value of {zones}); worst off: {worst}",
    }

    // Many territories at once (`maillage compare`, docs/compare.md).
    CompareDuplicateName {
        fr: "{bundle} : un lot donné avant ({first}) porte déjà le nom « {name} » ; renommez l'un des dossiers pour les comparer",
        en: "{bundle}: a bundle given before ({first}) already has the name \"{name}\"; rename one of the folders to compare them",
    }
    CompareReservedName {
        fr: "{bundle} : « {name} » est le nom d'un fichier de la comparaison ; renommez le dossier pour le comparer",
        en: "{bundle}: \"{name}\" is the name of a file of the comparison; rename the folder to compare it",
    }
    CompareFailureText {
        fr: "{detail}",
        en: "{detail}",
    }
    CompareBadOutcome {
        fr: "{bundle} : le résultat n'est ni des chiffres clés (KeyFigures) ni le texte d'un échec",
        en: "{bundle}: the outcome is neither key figures (KeyFigures) nor the text of a failure",
    }
    CompareNotCompared {
        fr: "{bundle} : non comparé. {detail}",
        en: "{bundle}: not compared. {detail}",
    }
    CompareDone {
        fr: "territoires comparés : {compared} ; lots en échec : {failed} ; comparaison écrite dans {path}",
        en: "territories compared: {compared}; bundles failed: {failed}; comparison written to {path}",
    }
    CompareTitle {
        fr: "Comparaison de {count} territoires",
        en: "Comparison of {count} territories",
    }
    CompareOverline {
        fr: "Maillage territorial en santé : plusieurs territoires",
        en: "Local health coordination: several territories",
    }
    CompareSubtitle {
        fr: "{population} habitants, {zones} zones et {actors} acteurs en tout, sans double compte · lots non comparés : {failed}",
        en: "{population} inhabitants, {zones} zones and {actors} actors in all, none counted twice · bundles not compared: {failed}",
    }
    CompareSideBySide {
        fr: "Chiffres clés côte à côte",
        en: "Key figures side by side",
    }
    CompareSideBySideNote {
        fr: "Chaque chiffre est celui du diagnostic du territoire, dont le rapport complet s'ouvre par le lien de son nom. La dernière ligne additionne les territoires en comptant une seule fois les zones et les acteurs qu'ils partagent.",
        en: "Each figure is the one of the territory's own diagnosis, whose full report opens from the link of its name. The last row adds the territories up, counting once the zones and actors they share.",
    }
    CompareSectorsTitle {
        fr: "Acteurs pour 10 000 habitants, par secteur",
        en: "Actors per 10,000 inhabitants, by sector",
    }
    CompareSectorsNote {
        fr: "Acteurs de chaque secteur situés dans une zone de la couche de couverture, rapportés à sa population. La ligne d'ensemble compte chaque acteur et la population de chaque zone une seule fois.",
        en: "Actors of each sector located in a zone of the coverage layer, per its population. The row of the whole counts each actor and each zone's population once.",
    }
    CompareAccessTitle {
        fr: "Accès aux soins : zones prioritaires et ailleurs",
        en: "Access to care: priority zones and elsewhere",
    }
    CompareAccessNote {
        fr: "Pour chaque type requis par le territoire : l'accès moyen (2SFCA, pour 10 000 habitants, pondéré par la population) dans les zones prioritaires, puis dans les autres zones. « — » : le type n'est pas requis par ce territoire, ou il n'a pas de zone de ce côté.",
        en: "For each kind the territory requires: the mean access (2SFCA, per 10,000 inhabitants, population-weighted) in the priority zones, then in the other zones. \"—\": the kind is not required by this territory, or it has no zone on that side.",
    }
    CompareGapsTitle {
        fr: "Lacunes par type",
        en: "Gaps by type",
    }
    CompareGapsNote {
        fr: "Le nombre de lignes de chaque type dans gaps.csv de chaque territoire ; les besoins sont comptés quand ils ne sont pas couverts.",
        en: "The number of rows of each type in each territory's gaps.csv; needs are counted when they are not covered.",
    }
    CompareRankingsTitle {
        fr: "Classements",
        en: "Rankings",
    }
    CompareRankingsNote {
        fr: "Pour chaque chiffre, les territoires du premier au dernier ; deux valeurs égales partagent un rang. Un territoire sans valeur (aucune zone prioritaire, aucune paire de dispositifs…) vient en dernier, sans rang.",
        en: "For each figure, the territories from first to last; two equal values share a rank. A territory without a value (no priority zone, no pair of dispositifs…) comes last, without a rank.",
    }
    CompareHigherFirst {
        fr: "Rang 1 : la valeur la plus haute.",
        en: "Rank 1: the highest value.",
    }
    CompareLowerFirst {
        fr: "Rang 1 : la valeur la plus basse.",
        en: "Rank 1: the lowest value.",
    }
    CompareOverlapsTitle {
        fr: "Territoires qui se recouvrent",
        en: "Territories that overlap",
    }
    CompareOverlapsNote {
        fr: "Deux territoires se recouvrent quand une même zone (même code, par exemple d'IRIS ou de commune) ou un même acteur (même identifiant) figure dans leurs deux lots. Chaque territoire garde ses propres chiffres ; les totaux ne les comptent qu'une fois.",
        en: "Two territories overlap when the same zone (the same code, e.g. of an IRIS or a commune) or the same actor (the same id) is in both their bundles. Each territory keeps its own figures; the totals count them once.",
    }
    CompareNoOverlap {
        fr: "Aucun territoire ne partage de zone ni d'acteur avec un autre.",
        en: "No territory shares a zone or an actor with another.",
    }
    CompareOverlapsCapped {
        fr: "Les {shown} premières paires sur {total} ; comparaison_chevauchements.csv les donne toutes.",
        en: "The first {shown} pairs of {total}; comparaison_chevauchements.csv gives them all.",
    }
    CompareFailuresTitle {
        fr: "Lots non comparés",
        en: "Bundles not compared",
    }
    CompareFailuresNote {
        fr: "Ces lots n'ont pas pu être diagnostiqués ; les autres territoires sont comparés sans eux.",
        en: "These bundles could not be diagnosed; the other territories are compared without them.",
    }
    CompareMethodTitle {
        fr: "Méthode",
        en: "Method",
    }
    CompareMethodSectors {
        fr: "Acteurs pour 10 000 habitants : les acteurs de chaque secteur comptés dans les zones de la couche de couverture (somme des colonnes count_sector de zones.csv), rapportés à la population de ces zones.",
        en: "Actors per 10,000 inhabitants: the actors of each sector counted in the zones of the coverage layer (the sum of the count_sector columns of zones.csv), per the population of those zones.",
    }
    CompareMethodNetwork {
        fr: "Densité, indice E-I (selon la partition de chaque territoire) et fragmentation : les chiffres du réseau du diagnostic de chaque territoire.",
        en: "Density, E-I index (by each territory's partition) and fragmentation: the network figures of each territory's diagnosis.",
    }
    CompareMethodArticulation {
        fr: "Articulation des dispositifs : la part des paires de dispositifs articulées (une relation directe, un membre commun ou une action commune), comme dans dispositifs.csv.",
        en: "Articulation of the dispositifs: the share of the pairs of dispositifs articulated (a direct relation, a shared member or a joint action), as in dispositifs.csv.",
    }
    CompareMethodAccess {
        fr: "Accès en zones prioritaires et ailleurs : la moyenne, pondérée par la population, de l'accès (2SFCA) de chaque type requis, dans les zones prioritaires et dans les autres, comme dans le rapport de chaque territoire.",
        en: "Access in priority zones and elsewhere: the population-weighted mean of the access (2SFCA) to each required kind, in the priority zones and in the others, as in each territory's report.",
    }
    CompareMethodGaps {
        fr: "Lacunes : les lignes de gaps.csv de chaque territoire, par type.",
        en: "Gaps: the rows of each territory's gaps.csv, by type.",
    }
    CompareMethodOverlap {
        fr: "Recouvrements : une zone est reconnue à son code, un acteur à son identifiant ; dans les totaux, la population d'une zone et un acteur ne comptent qu'une fois.",
        en: "Overlaps: a zone is known by its code, an actor by its id; in the totals, a zone's population and an actor count once.",
    }
    CompareFooter {
        fr: "Comparaison produite par maillage {version}. Chaque territoire est diagnostiqué sur son propre lot de données : un lien absent peut être un lien non déclaré.",
        en: "Comparison made by maillage {version}. Each territory is diagnosed on its own bundle: a missing tie may be a tie not declared.",
    }
    CompareFigureSector {
        fr: "{sector} pour 10 000 hab.",
        en: "{sector} per 10,000 inhabitants",
    }
    CompareFigureDensity {
        fr: "Densité du réseau",
        en: "Network density",
    }
    CompareFigureEi {
        fr: "Indice E-I global",
        en: "Global E-I index",
    }
    CompareFigureFragmentation {
        fr: "Fragmentation",
        en: "Fragmentation",
    }
    CompareFigureArticulation {
        fr: "Paires de dispositifs articulées",
        en: "Pairs of dispositifs articulated",
    }
    CompareFigureAccessPriority {
        fr: "Accès {kind}, zones prioritaires",
        en: "Access {kind}, priority zones",
    }
    CompareFigureAccessOther {
        fr: "Accès {kind}, ailleurs",
        en: "Access {kind}, elsewhere",
    }
    CompareFigureGaps {
        fr: "Lacunes : {kind}",
        en: "Gaps: {kind}",
    }
    CompareGapService {
        fr: "offre absente",
        en: "service",
    }
    CompareGapNeed {
        fr: "besoins non couverts",
        en: "needs not covered",
    }
    CompareGapGroup {
        fr: "groupes sans lien",
        en: "groups without a tie",
    }
    CompareGapIsolated {
        fr: "acteurs isolés",
        en: "isolated actors",
    }
    CompareGapUnarticulated {
        fr: "dispositifs non articulés",
        en: "dispositifs not articulated",
    }
    CompareGapPathway {
        fr: "parcours hors de portée",
        en: "pathways out of reach",
    }
    CompareGapAbsent {
        fr: "secteurs et groupes absents",
        en: "sectors and groups absent",
    }
    CompareTotals {
        fr: "Ensemble, sans double compte",
        en: "All, none counted twice",
    }
    CompareTerritory {
        fr: "Territoire",
        en: "Territory",
    }
    ComparePopulation {
        fr: "Population",
        en: "Population",
    }
    CompareZones {
        fr: "Zones",
        en: "Zones",
    }
    CompareOverlapsWith {
        fr: "Recouvrements",
        en: "Overlaps",
    }
    CompareSharesWith {
        fr: "{zones} zones et {actors} acteurs partagés avec : {names}",
        en: "{zones} zones and {actors} actors shared with: {names}",
    }
    CompareRank {
        fr: "Rang",
        en: "Rank",
    }
    CompareValue {
        fr: "Valeur",
        en: "Value",
    }
    CompareSharedZones {
        fr: "Zones communes",
        en: "Shared zones",
    }
    CompareSharedPopulation {
        fr: "Population commune",
        en: "Shared population",
    }
    CompareSharedActors {
        fr: "Acteurs communs",
        en: "Shared actors",
    }
    CompareBundle {
        fr: "Lot",
        en: "Bundle",
    }
    CompareReason {
        fr: "Raison",
        en: "Reason",
    }

    // The cost table (docs/bundle.md, "Travel costs") and `[analysis.costs]`.
    BadCostsTable {
        fr: "{value} n’est pas une table [analysis.costs] (attendu : des clés file, unit, catchment, decay, sigma)",
        en: "{value} is not an [analysis.costs] table (expected keys file, unit, catchment, decay, sigma)",
    }
    BadCostsKey {
        fr: "{value} ne convient pas ici (attendu : {expected})",
        en: "{value} does not fit here (expected {expected})",
    }
    UnknownCostsKey {
        fr: "clé inconnue « {key} » (attendu : l’une de {expected})",
        en: "unknown key \"{key}\" (expected one of {expected})",
    }
    ExpectedCostsFile {
        fr: "le chemin de la table des coûts dans le dossier du territoire, par exemple \"couts.csv\"",
        en: "the path of the cost table in the bundle folder, e.g. \"costs.csv\"",
    }
    ExpectedCostsUnit {
        fr: "\"minutes\" ou \"metres\"",
        en: "\"minutes\" or \"metres\"",
    }
    ExpectedCostsCatchment {
        fr: "un nombre positif dans l’unité de la table, par exemple 20 (minutes)",
        en: "a positive number in the table's unit, e.g. 20 (minutes)",
    }
    ExpectedCostsSigma {
        fr: "un nombre positif dans l’unité de la table, par exemple 10 (minutes)",
        en: "a positive number in the table's unit, e.g. 10 (minutes)",
    }
    ExpectedCostsDecay {
        fr: "\"none\", \"apl\", \"gaussian\" ou des paliers [[borne, poids], …] aux bornes positives distinctes et aux poids ≥ 0, par exemple [[10, 1], [15, 0.5], [20, 0.25]]",
        en: "\"none\", \"apl\", \"gaussian\" or steps [[bound, weight], …] with distinct positive bounds and weights ≥ 0, e.g. [[10, 1], [15, 0.5], [20, 0.25]]",
    }
    SigmaWithoutGaussian {
        fr: "sigma sans decay = \"gaussian\"",
        en: "sigma without decay = \"gaussian\"",
    }
    AplNeedsMinutes {
        fr: "les paliers de l’APL sont en minutes : une table en mètres ne peut pas les suivre (attendu : unit = \"minutes\" et une colonne minutes, ou un autre decay)",
        en: "the APL's steps are in minutes: a table in metres cannot follow them (expected unit = \"minutes\" and a minutes column, or another decay)",
    }
    CostsEmptyFile {
        fr: "le fichier est vide (attendu : une ligne d’en-tête, par exemple « origin;destination;minutes », puis une ligne par trajet)",
        en: "the file is empty (expected a header row, e.g. \"origin,destination,minutes\", then one row per trip)",
    }
    CostsNoRow {
        fr: "la table des coûts n’a aucune ligne de données (attendu : une ligne par trajet sous l’en-tête)",
        en: "the cost table has no data row (expected one row per trip under the header)",
    }
    CostsUnknownColumn {
        fr: "colonne inconnue « {column} » (attendu : les colonnes {expected})",
        en: "unknown column \"{column}\" (expected the columns {expected})",
    }
    CostsNoCostColumn {
        fr: "ni colonne minutes ni colonne metres (attendu : origin, destination et minutes ou metres ; trouvé : {found})",
        en: "no minutes column and no metres column (expected origin, destination and minutes or metres; found {found})",
    }
    CostsUnbalancedQuotes {
        fr: "un guillemet ouvert n’est pas refermé sur la ligne (attendu : des guillemets équilibrés ; une table des coûts n’a pas de saut de ligne dans une cellule)",
        en: "a quote opened on this line is not closed (expected balanced quotes; a cost table has no line break inside a cell)",
    }
    ExpectedCostsOrigin {
        fr: "l’identifiant d’une zone de la couche de couverture",
        en: "the id of a zone of the coverage layer",
    }
    ExpectedCostsDestination {
        fr: "l’identifiant d’un acteur ou d’une zone de la couche de couverture",
        en: "the id of an actor or of a zone of the coverage layer",
    }
    ExpectedCost {
        fr: "un temps ou une distance ≥ 0, par exemple 12,5",
        en: "a time or a distance ≥ 0, e.g. 12.5",
    }
    CostsUnknownDestination {
        fr: "« {id} » n’est ni un acteur ni une zone de la couche « {layer} » (attendu : l’identifiant d’un acteur ou d’une zone de cette couche)",
        en: "\"{id}\" is neither an actor nor a zone of layer \"{layer}\" (expected the id of an actor or of a zone of that layer)",
    }
    CostsAmbiguousDestination {
        fr: "« {id} » est à la fois un acteur et une zone de la couche « {layer} » : la destination est ambiguë (attendu : un identifiant d’acteur distinct des identifiants de zones ; renommez l’acteur)",
        en: "\"{id}\" is both an actor and a zone of layer \"{layer}\": the destination is ambiguous (expected actor ids distinct from zone ids; rename the actor)",
    }
    CostsDuplicatePair {
        fr: "le trajet de « {origin} » à « {destination} » est déjà donné ligne {first} (attendu : chaque couple origine, destination une seule fois)",
        en: "the trip from \"{origin}\" to \"{destination}\" is already given on line {first} (expected each origin, destination pair once)",
    }
    HelpCosts {
        fr: "Une table des coûts (CSV : origin, destination, minutes et/ou metres ; docs/bundle.md, « Travel costs ») : temps ou distances par la route de chaque zone de la couche de couverture aux acteurs, ou aux offreurs d’une zone, à la place des distances à vol d’oiseau de l’accessibilité (2SFCA, E2SFCA). Un couple absent de la table est hors de portée. Les réglages [analysis.costs] du manifeste (unit, catchment, decay) s’y appliquent ; remplace le fichier du manifeste. Le rapport, le résumé et access_road.csv comparent alors l’accès par la route et à vol d’oiseau.",
        en: "A cost table (CSV: origin, destination, minutes and/or metres; docs/bundle.md, \"Travel costs\"): road times or distances from each zone of the coverage layer to actors, or to the suppliers of a zone, replacing the straight-line distances of access (2SFCA, E2SFCA). A pair absent from the table is out of reach. The manifest's [analysis.costs] settings (unit, catchment, decay) apply to it; replaces the manifest's own file. The report, the summary and access_road.csv then compare access by road with access by straight line.",
    }
    GivenApart {
        fr: "(fichier donné à part du dossier du territoire)",
        en: "(a file given apart from the bundle)",
    }

    // Access by a cost table against access by straight line: the report's section,
    // the summary's line (docs/analyses.md §2, "With a cost table"; docs/outputs.md).
    ReportRoadTitle {
        fr: "Accès par la route et à vol d’oiseau",
        en: "Access by road and as the crow flies",
    }
    ReportRoadIntro {
        fr: "L’accessibilité de ce diagnostic suit la table des coûts {file} (portée {catchment} {unit}). Pour voir ce que la route change, l’accessibilité de chaque type requis est aussi calculée comme sans la table : à vol d’oiseau dans un rayon de {catchment_m} m, avec les pondérations de [analysis] access. Les {ranked} zones habitées de la couche « {layer} » sont classées de la moins bien servie (rang 1, l’accessibilité la plus faible ; à égalité, par identifiant) à la mieux servie, de chacune des deux façons ; les {worst} premières de chaque classement sont « les moins bien servies » (un cinquième des zones, au moins 3).",
        en: "Access in this diagnosis follows the cost table {file} (catchment {catchment} {unit}). To show what the road changes, each required kind's access is also computed as without the table: as the crow flies within {catchment_m} m, with the weights of [analysis] access. The {ranked} inhabited zones of layer \"{layer}\" are ranked from the worst served (rank 1, the lowest access; ties by id) to the best served, both ways; the first {worst} of each ranking are \"the worst served\" (a fifth of the zones, at least 3).",
    }
    ReportRoadWorstByRoad {
        fr: "Les moins bien servies par la route : {zones}.",
        en: "Worst served by road: {zones}.",
    }
    ReportRoadWorstByLine {
        fr: "Les moins bien servies à vol d’oiseau : {zones}.",
        en: "Worst served as the crow flies: {zones}.",
    }
    ReportRoadOnlyByRoad {
        fr: "Parmi les moins bien servies par la route, pas à vol d’oiseau : {zones}.",
        en: "Among the worst served by road, not as the crow flies: {zones}.",
    }
    ReportRoadOnlyByLine {
        fr: "Parmi les moins bien servies à vol d’oiseau, pas par la route : {zones}.",
        en: "Among the worst served as the crow flies, not by road: {zones}.",
    }
    ReportRoadUnchanged {
        fr: "La route ne change pas les zones les moins bien servies.",
        en: "The road does not change which zones are the worst served.",
    }
    ReportRoadTableNote {
        fr: "Les zones parmi les moins bien servies d’une façon ou de l’autre, par rang par la route ; accessibilité pour 10 000 habitants ; le tableau access_road.csv classe toutes les zones.",
        en: "The zones among the worst served either way, by rank by road; access per 10,000 inhabitants; the table access_road.csv ranks every zone.",
    }
    ReportRoadAccessByRoad {
        fr: "Accès par la route",
        en: "Access by road",
    }
    ReportRoadRankByRoad {
        fr: "Rang par la route",
        en: "Rank by road",
    }
    ReportRoadAccessByLine {
        fr: "Accès à vol d’oiseau",
        en: "Access as the crow flies",
    }
    ReportRoadRankByLine {
        fr: "Rang à vol d’oiseau",
        en: "Rank as the crow flies",
    }
    ReportRoadMinutes {
        fr: "min",
        en: "min",
    }
    ReportRoadMetres {
        fr: "m",
        en: "m",
    }
    SummaryRoad {
        fr: "accès {kind} par la route et à vol d’oiseau : les {worst} moins bien servies par la route {road} ; à vol d’oiseau {line} ; {changed} changent",
        en: "access {kind} by road and as the crow flies: the {worst} worst served by road {road}; as the crow flies {line}; {changed} change",
    }
}
