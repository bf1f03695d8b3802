//! Chances of outcomes that are not money: years needing extra agency cover to keep
//! caseloads safe, and each risk whose event is a harm in itself happening at least once.
//! Caseload is counted once: above the safe level the extra work is covered by agency
//! social workers and paid for (in the money figures), never also counted as unsafe.

use super::*;

/// Chances of outcomes that are not money: years needing extra agency cover to keep
/// caseloads safe, and each risk whose event is a harm in itself happening at least once.
pub fn non_financial(ds: &Dataset, s: &Summary) -> Chart {
    let nf = &s.non_financial;
    let mut table = Table::new(
        format!(
            "Outcomes that are not money over the {}: in the simulation and with no risk events",
            horizon(s)
        ),
        &["Outcome", "In the simulation", "With no risk events"],
    );
    let years = s.years.len();
    let children = |v: f64| format!("{} children", count(finite(v).round().max(0.0) as u64));
    let yrs = |v: f64| {
        let v = finite(v);
        format!(
            "{v:.1} year{} of {years}",
            if (v - 1.0).abs() < 0.05 { "" } else { "s" }
        )
    };
    let whole_yrs = |v: u32| format!("{v} year{} of {years}", if v == 1 { "" } else { "s" });
    let base_years = nf.baseline_years_over_safe_caseload;
    table.rows.push(vec![
        "Extra agency cover needed to keep caseloads safe, in at least one year".to_string(),
        chance(nf.p_any_year_over_safe_caseload),
        if base_years > 0 { "Yes" } else { "No" }.to_string(),
    ]);
    table.rows.push(vec![
        "Years needing extra agency cover to keep caseloads safe (average)".to_string(),
        yrs(nf.mean_years_over_safe_caseload),
        whole_yrs(base_years),
    ]);
    for (id, p) in &nf.harms {
        table.rows.push(vec![
            format!("{} at least once", risk_name(ds, id)),
            chance(*p),
            "0.0% (no events)".to_string(),
        ]);
    }
    let u = nf.unregistered_peak;
    table.rows.push(vec![
        "Most children in unregistered settings in any year: median".to_string(),
        children(u.p50),
        children(nf.baseline_unregistered_peak),
    ]);
    table.rows.push(vec![
        "Most children in unregistered settings in any year: 1 trial in 20 above (P95)".to_string(),
        children(u.p95),
        children(nf.baseline_unregistered_peak),
    ]);
    if s.trials == 0 {
        return no_trials(
            "sim-non-financial",
            "the outcomes that are not money",
            table,
            s,
        );
    }
    let mut rows = vec![ChanceRow {
        name: "Agency cover to keep caseloads safe, in any year".to_string(),
        p: nf.p_any_year_over_safe_caseload,
        tag: chance(nf.p_any_year_over_safe_caseload),
        marker: None,
    }];
    for (id, p) in &nf.harms {
        rows.push(ChanceRow {
            name: format!("{} at least once", risk_name(ds, id)),
            p: *p,
            tag: chance(*p),
            marker: None,
        });
    }
    let mut title = format!(
        "Extra agency cover is needed to keep caseloads safe in at least one year in {} of \
         trials",
        chance(nf.p_any_year_over_safe_caseload)
    );
    if let Some((id, p)) = nf.harms.first() {
        title.push_str(&format!(
            "; {} happens at least once in {}",
            risk_name(ds, id),
            chance(*p)
        ));
    }
    let harms: Vec<String> = nf
        .harms
        .iter()
        .map(|(id, p)| format!("{} {}", risk_name(ds, id), chance(*p)))
        .collect();
    let caption = format!(
        "The chance of outcomes that are not money over the {}: a year needing extra agency \
         cover to keep caseloads safe ({}; on average {} against {} with no risk events){}. \
         Caseload is counted once: when the work passes the safe caseload, agency social \
         workers cover it and are paid for in the money figures, so these are years of cover, \
         not years of unsafe caseloads. At the peak, a median of {} are in unregistered \
         settings, against {} with no risk events.",
        horizon(s),
        chance(nf.p_any_year_over_safe_caseload),
        yrs(nf.mean_years_over_safe_caseload),
        whole_yrs(base_years),
        if harms.is_empty() {
            String::new()
        } else {
            format!(", and each harm at least once ({})", harms.join(", "))
        },
        children(u.p50),
        children(nf.baseline_unregistered_peak)
    );
    Chart {
        id: "sim-non-financial",
        title,
        caption,
        svg: chance_bars(&rows, &[], "Chance, %"),
        table,
        source: source(s),
    }
}
