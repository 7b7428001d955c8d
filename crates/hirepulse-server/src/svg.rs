//! Server-side SVG charts: a line chart with interval bands, box plots with n, and horizontal
//! bars with interval whiskers. Small and dependency-free on purpose: three chart shapes cover
//! every page, the output is plain markup the CSP allows (presentation attributes, no inline
//! styles, no script), and every label goes through maud, so text is always escaped. A chart
//! with nothing to draw says so in words instead of drawing an empty frame.

use maud::{html, Markup};

const WIDTH: f64 = 720.0;
const PALETTE: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
];

/// The colour of series `index`.
pub fn colour(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

/// One point of a line: the value and its interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// A line with its interval band; `None` where a month has no figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub points: Vec<Option<Point>>,
}

/// A box of a box plot: p10, p25, p50, p75, p90 and the number of values.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxRow {
    pub label: String,
    pub n: usize,
    pub quantiles: [f64; 5],
}

/// A bar with an optional interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub interval: Option<(f64, f64)>,
    pub note: String,
}

/// "Nice" axis ticks covering `low..=high`.
pub fn ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    if !(low.is_finite() && high.is_finite()) || high <= low || count == 0 {
        return vec![low];
    }
    let raw = (high - low) / count as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (low / step).ceil() * step;
    let mut out = Vec::new();
    let mut tick = first;
    while tick <= high + step * 1e-9 && out.len() < 50 {
        out.push(tick);
        tick += step;
    }
    out
}

fn empty(message: &str) -> Markup {
    html! { p.chart-empty { (message) } }
}

/// A line chart over `x_labels` with a shaded interval band per line; `format` labels the y
/// axis.
pub fn line_chart(
    title: &str,
    x_labels: &[String],
    lines: &[Line],
    format: fn(f64) -> String,
) -> Markup {
    let values: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.points.iter().flatten())
        .flat_map(|p| [p.low, p.high, p.value])
        .filter(|v| v.is_finite())
        .collect();
    if values.is_empty() || x_labels.is_empty() {
        return empty("No figures to chart for this selection.");
    }
    let top = values.iter().copied().fold(f64::MIN, f64::max).max(1e-9);
    let (left, right, upper, lower) = (56.0, 34.0, 28.0, 40.0);
    let height = 300.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - upper - lower;
    let count = x_labels.len();
    let x = |i: usize| {
        if count <= 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (count - 1) as f64
        }
    };
    let y = |v: f64| upper + plot_h * (1.0 - (v / top).clamp(0.0, 1.0));
    let label_every = (count / 8).max(1);
    html! {
        svg.chart viewBox={ "0 0 " (WIDTH) " " (height) } role="img" aria-label=(title) xmlns="http://www.w3.org/2000/svg" {
            title { (title) }
            @for tick in ticks(0.0, top, 5) {
                line x1=(left) x2=(WIDTH - right) y1=(y(tick)) y2=(y(tick)) stroke="#ddd" stroke-width="1" {}
                text x=(left - 6.0) y=(y(tick) + 4.0) text-anchor="end" font-size="13" fill="#444" { (format(tick)) }
            }
            @for (i, label) in x_labels.iter().enumerate() {
                @if i % label_every == 0 || i + 1 == count {
                    text x=(x(i)) y=(height - lower + 16.0) text-anchor="middle" font-size="13" fill="#444" { (label) }
                }
            }
            @for (index, line) in lines.iter().enumerate() {
                @for run in runs(&line.points) {
                    polygon.band points=(band_points(&run, &x, &y)) fill=(colour(index)) fill-opacity="0.15" stroke="none" {}
                    polyline.series points=(line_points(&run, &x, &y)) fill="none" stroke=(colour(index)) stroke-width="2" {}
                }
                text x=(left + 8.0 + 110.0 * index as f64) y="16" font-size="14" fill=(colour(index)) { "■ " (line.name) }
            }
        }
    }
}

/// Consecutive runs of points that have figures, with their x index.
fn runs(points: &[Option<Point>]) -> Vec<Vec<(usize, Point)>> {
    let mut out: Vec<Vec<(usize, Point)>> = Vec::new();
    let mut current = Vec::new();
    for (i, point) in points.iter().enumerate() {
        match point {
            Some(p) if p.value.is_finite() && p.low.is_finite() && p.high.is_finite() => {
                current.push((i, *p));
            }
            _ => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn line_points(run: &[(usize, Point)], x: &dyn Fn(usize) -> f64, y: &dyn Fn(f64) -> f64) -> String {
    run.iter()
        .map(|(i, p)| format!("{:.1},{:.1}", x(*i), y(p.value)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn band_points(run: &[(usize, Point)], x: &dyn Fn(usize) -> f64, y: &dyn Fn(f64) -> f64) -> String {
    run.iter()
        .map(|(i, p)| format!("{:.1},{:.1}", x(*i), y(p.high)))
        .chain(
            run.iter()
                .rev()
                .map(|(i, p)| format!("{:.1},{:.1}", x(*i), y(p.low))),
        )
        .collect::<Vec<_>>()
        .join(" ")
}

/// Horizontal box plots (whiskers p10–p90, box p25–p75, mark at the median), one row each,
/// labelled with n.
pub fn box_plot(title: &str, rows: &[BoxRow], format: fn(f64) -> String) -> Markup {
    let rows: Vec<&BoxRow> = rows
        .iter()
        .filter(|r| r.quantiles.iter().all(|q| q.is_finite()))
        .collect();
    if rows.is_empty() {
        return empty("No pay figures to chart for this selection.");
    }
    let low = rows.iter().map(|r| r.quantiles[0]).fold(f64::MAX, f64::min);
    let high = rows.iter().map(|r| r.quantiles[4]).fold(f64::MIN, f64::max);
    let (low, high) = if high > low {
        (low, high)
    } else {
        (low - 1.0, high + 1.0)
    };
    let span = high - low;
    let (low, high) = (low - span * 0.05, high + span * 0.05);
    let (left, right, upper, row_h) = (150.0, 16.0, 12.0, 34.0);
    let height = upper + row_h * rows.len() as f64 + 30.0;
    let plot_w = WIDTH - left - right;
    let x = |v: f64| left + plot_w * ((v - low) / (high - low)).clamp(0.0, 1.0);
    html! {
        svg.chart viewBox={ "0 0 " (WIDTH) " " (height) } role="img" aria-label=(title) xmlns="http://www.w3.org/2000/svg" {
            title { (title) }
            @for tick in ticks(low, high, 6) {
                line x1=(x(tick)) x2=(x(tick)) y1=(upper) y2=(height - 26.0) stroke="#ddd" stroke-width="1" {}
                text x=(x(tick)) y=(height - 10.0) text-anchor="middle" font-size="13" fill="#444" { (format(tick)) }
            }
            @for (i, row) in rows.iter().enumerate() {
                @let mid = upper + row_h * i as f64 + row_h / 2.0;
                @let [p10, p25, p50, p75, p90] = row.quantiles;
                text x=(left - 8.0) y=(mid + 4.0) text-anchor="end" font-size="14" fill="#222" { (row.label) " (n=" (row.n) ")" }
                line.whisker x1=(x(p10)) x2=(x(p90)) y1=(mid) y2=(mid) stroke="#555" stroke-width="1.5" {}
                rect.box x=(x(p25)) y=(mid - 10.0) width=((x(p75) - x(p25)).max(1.0)) height="20" fill=(colour(i)) fill-opacity="0.35" stroke=(colour(i)) {}
                line.median x1=(x(p50)) x2=(x(p50)) y1=(mid - 10.0) y2=(mid + 10.0) stroke="#000" stroke-width="2" {}
            }
        }
    }
}

/// Horizontal bars from zero with interval whiskers, one row each.
pub fn bar_chart(title: &str, bars: &[Bar], format: fn(f64) -> String) -> Markup {
    let bars: Vec<&Bar> = bars.iter().filter(|b| b.value.is_finite()).collect();
    if bars.is_empty() {
        return empty("No figures to chart for this selection.");
    }
    let high = bars
        .iter()
        .map(|b| b.interval.map_or(b.value, |(_, hi)| hi.max(b.value)))
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
        .max(1e-9);
    let (left, right, upper, row_h) = (150.0, 90.0, 12.0, 28.0);
    let height = upper + row_h * bars.len() as f64 + 30.0;
    let plot_w = WIDTH - left - right;
    let x = |v: f64| left + plot_w * (v / high).clamp(0.0, 1.0);
    html! {
        svg.chart viewBox={ "0 0 " (WIDTH) " " (height) } role="img" aria-label=(title) xmlns="http://www.w3.org/2000/svg" {
            title { (title) }
            @for tick in ticks(0.0, high, 5) {
                line x1=(x(tick)) x2=(x(tick)) y1=(upper) y2=(height - 26.0) stroke="#ddd" stroke-width="1" {}
                text x=(x(tick)) y=(height - 10.0) text-anchor="middle" font-size="13" fill="#444" { (format(tick)) }
            }
            @for (i, bar) in bars.iter().enumerate() {
                @let mid = upper + row_h * i as f64 + row_h / 2.0;
                text x=(left - 8.0) y=(mid + 4.0) text-anchor="end" font-size="14" fill="#222" { (bar.label) }
                rect.bar x=(left) y=(mid - 9.0) width=((x(bar.value) - left).max(0.5)) height="18" fill=(colour(i)) fill-opacity="0.6" {}
                @if let Some((lo, hi)) = bar.interval {
                    @if lo.is_finite() && hi.is_finite() {
                        line.whisker x1=(x(lo)) x2=(x(hi)) y1=(mid) y2=(mid) stroke="#000" stroke-width="1.5" {}
                    }
                }
                text x=(x(bar.interval.map_or(bar.value, |(_, hi)| hi.max(bar.value))) + 6.0) y=(mid + 4.0) font-size="13" fill="#222" { (bar.note) }
            }
        }
    }
}

/// A share as a percentage.
pub fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

/// A share with one decimal.
pub fn percent1(value: f64) -> String {
    format!("{:.1}%", value * 100.0)
}

/// Dollars as $K.
pub fn thousands(value: f64) -> String {
    format!("${:.0}K", value / 1000.0)
}

/// A plain number.
pub fn plain(value: f64) -> String {
    format!("{value:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            ticks(0.0, 1.0, 5),
            vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]
        );
        assert_eq!(ticks(0.0, 0.0, 5), vec![0.0]);
        assert_eq!(ticks(f64::NAN, 1.0, 5).len(), 1);
    }

    #[test]
    fn a_line_chart_draws_a_band_and_a_line_per_run_and_escapes_names() {
        let point = |v: f64| {
            Some(Point {
                value: v,
                low: v - 0.1,
                high: v + 0.1,
            })
        };
        let svg = line_chart(
            "t",
            &["a".into(), "b".into(), "c".into(), "d".into()],
            &[Line {
                name: "<b>x</b>".into(),
                points: vec![point(0.5), point(0.6), None, point(0.4)],
            }],
            percent,
        )
        .into_string();
        assert_eq!(svg.matches("<polyline").count(), 2, "{svg}");
        assert_eq!(svg.matches("<polygon").count(), 2, "{svg}");
        assert!(
            svg.contains("&lt;b&gt;x&lt;/b&gt;") && !svg.contains("<b>"),
            "{svg}"
        );
        let nothing = line_chart("t", &["a".into()], &[], percent).into_string();
        assert!(
            !nothing.contains("<svg") && nothing.contains("No figures"),
            "{nothing}"
        );
    }

    #[test]
    fn box_plots_show_n_and_order_the_quantiles() {
        let svg = box_plot(
            "pay",
            &[BoxRow {
                label: "rust".into(),
                n: 42,
                quantiles: [100.0, 120.0, 150.0, 170.0, 200.0],
            }],
            thousands,
        )
        .into_string();
        assert!(svg.contains("rust (n=42)"), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 1);
        let nan = box_plot(
            "pay",
            &[BoxRow {
                label: "x".into(),
                n: 1,
                quantiles: [f64::NAN; 5],
            }],
            thousands,
        )
        .into_string();
        assert!(!nan.contains("<svg"), "{nan}");
    }

    #[test]
    fn bars_scale_to_the_highest_interval() {
        let svg = bar_chart(
            "share",
            &[
                Bar {
                    label: "a".into(),
                    value: 0.5,
                    interval: Some((0.4, 1.0)),
                    note: "n=9".into(),
                },
                Bar {
                    label: "b".into(),
                    value: 0.25,
                    interval: None,
                    note: String::new(),
                },
            ],
            percent,
        )
        .into_string();
        // The plot is 720 - 150 - 90 = 480 wide; 0.5 of a 1.0 maximum is 240.
        assert!(svg.contains(r#"width="240""#), "{svg}");
        assert!(svg.contains(r#"width="120""#), "{svg}");
    }
}
