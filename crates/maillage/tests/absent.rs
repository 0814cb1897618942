//! Missing sectors and families (docs/analyses.md §5) on the example bundles, with
//! the reference densities of crates/maillage/data/reference_densities.toml and the
//! manifests' own expectations.

mod common;

use maillage::gaps::{absent_groups, Missing, Scope, FLAGGED_FROM_EXPECTED};
use maillage::load_bundle;
use maillage::spatial::assign_actors;

fn absent(bundle: &str) -> (maillage::model::Territory, Vec<maillage::gaps::AbsentGroup>) {
    let t = load_bundle(format!("../../data/{bundle}").as_ref())
        .unwrap()
        .territory;
    let placement = assign_actors(&t, t.analysis.coverage_layer);
    let absent = absent_groups(&t, &placement);
    (t, absent)
}

#[test]
fn the_cevennes_hold_no_hospital_no_social_actor_and_no_patients_association() {
    let (t, absent) = absent("cevennes");
    let got: Vec<(String, bool)> = absent
        .iter()
        .map(|a| {
            assert_eq!(a.scope, Scope::Territory);
            let what = match &a.missing {
                Missing::Sector(s) => format!("sector:{s}"),
                Missing::Family(f) => format!("family:{f}"),
                Missing::Reference(r) => format!("reference:{r}"),
            };
            (what, a.flagged)
        })
        .collect();
    let expected: Vec<(String, bool)> = [
        // the SAE establishments the bundle holds serve communes outside the perimeter:
        // "pas d'établissements de santé implantés", read against the SAE's density
        ("sector:hospital", false),
        ("sector:social", false),
        ("sector:education", false),
        ("reference:laboratoires", false),
        ("reference:orthoptistes", false),
        // [expected.association_patients] at_least = 1 in territory.toml
        ("reference:association_patients", true),
    ]
    .iter()
    .map(|(w, f)| (w.to_string(), *f))
    .collect();
    assert_eq!(got, expected);
    // expected numbers: the perimeter's population × the national density
    let population = t.coverage_layer().population();
    let hospitals = absent
        .iter()
        .find(|a| a.missing == Missing::Sector("hospital".into()))
        .unwrap();
    let by_hand = population * 3975.0 / 68_350_798.0;
    assert!((hospitals.expected.unwrap() - by_hand).abs() < 1e-9);
    assert!(by_hand < FLAGGED_FROM_EXPECTED);
}

#[test]
fn an_iris_of_lyon_7e_without_a_doctor_where_seven_are_expected_is_flagged() {
    let (t, absent) = absent("lyon7");
    let layer = t.coverage_layer();
    let saint_michel = layer
        .zones
        .iter()
        .find(|z| z.name == "Saint-Michel")
        .unwrap();
    let gap = absent
        .iter()
        .find(|a| a.zone == saint_michel.id && a.missing == Missing::Reference("medecins".into()))
        .unwrap();
    let by_hand = saint_michel.population.unwrap() * 119_382.0 / 64_933_400.0;
    assert!((gap.expected.unwrap() - by_hand).abs() < 1e-9);
    assert!(gap.flagged && by_hand > 7.0);
    // every zone flag is at least three expected, and never for a required kind alone
    // (the service gaps say those)
    for a in absent.iter().filter(|a| matches!(a.scope, Scope::Zone(_))) {
        assert!(a.flagged && a.expected.unwrap() >= FLAGGED_FROM_EXPECTED);
    }
    let references = maillage::gaps::references(&t);
    for a in absent.iter().filter(|a| matches!(a.scope, Scope::Zone(_))) {
        let Missing::Reference(id) = &a.missing else {
            panic!("a zone lists reference groups only")
        };
        let r = references.iter().find(|r| &r.id == id).unwrap();
        if let maillage::gaps::Members::Kinds(kinds) = &r.members {
            assert!(!kinds.iter().all(|k| t.analysis.required.contains(k)));
        }
    }
}

#[test]
fn bad_expectations_are_each_named_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir("../../data/lyon7".as_ref(), dir.path());
    let manifest = dir.path().join("territory.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str(
        "\n[expected.hopital]\nat_least = 1\n\n[expected.association_patients]\nper_10000 = -2\n\n[expected.hospital]\nper_10000 = 0.5\n",
    );
    std::fs::write(&manifest, &text).unwrap();
    let errors = load_bundle(dir.path()).unwrap_err();
    let fields: Vec<String> = errors
        .errors
        .iter()
        .filter_map(|p| p.field.clone())
        .filter(|f| f.starts_with("expected."))
        .collect();
    assert_eq!(
        fields,
        ["expected.hopital", "expected.association_patients"]
    );
    // a good one is read, and written back by the bundle writer
    let good = text
        .replace("[expected.hopital]\nat_least = 1\n\n", "")
        .replace("[expected.association_patients]\nper_10000 = -2\n\n", "");
    std::fs::write(&manifest, &good).unwrap();
    let t = load_bundle(dir.path()).unwrap().territory;
    assert_eq!(t.analysis.expected.len(), 1);
    assert_eq!(t.analysis.expected[0].per_10000, Some(0.5));
    let out = tempfile::tempdir().unwrap();
    maillage::bundle::write_bundle(&t, out.path()).unwrap();
    let back = load_bundle(out.path()).unwrap().territory;
    assert_eq!(back.analysis.expected, t.analysis.expected);
}
