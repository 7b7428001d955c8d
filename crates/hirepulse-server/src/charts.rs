//! Server-side SVG charts drawn with plotters' SVG backend: a line chart with interval bands
//! (trends), horizontal box plots labelled with n (pay), and horizontal bars with interval
//! whiskers (shares, lifts, the calculator). Plotters lays out the axes, ticks and marks and
//! escapes every text it writes, so a label that came from a query parameter or a posting
//! cannot become markup; its output uses presentation attributes only (no `style`, no script),
//! which the strict CSP allows. Each chart is returned as inline markup with a `<title>` and
//! an `aria-label`, and its data marks carry a class (`series`, `band`, `box`, `bar`) so that
//! pages, tests and stylesheets can find them. A chart with nothing to draw says so in words
//! instead of drawing an empty frame.

use maud::{html, Markup, PreEscaped};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Width of every chart in SVG units; pages scale it to the screen.
const WIDTH: u32 = 600;
const FONT: &str = "sans-serif";
const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(23, 190, 207),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
];

/// Opacities that mark each kind of data mark in the SVG plotters writes (it has no classes):
/// [`mark_classes`] turns them into `class` attributes. Axes and grid lines are opaque.
const BAND_OPACITY: f64 = 0.18;
const BOX_OPACITY: f64 = 0.35;
const BAR_OPACITY: f64 = 0.6;
const SERIES_OPACITY: f64 = 0.95;

/// The colour of series `index`.
fn colour(index: usize) -> RGBColor {
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

/// A bar with an optional interval and a note written after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub interval: Option<(f64, f64)>,
    pub note: String,
}

type Drawn = Result<(), String>;

fn failed<E: std::fmt::Debug>(error: E) -> String {
    format!("{error:?}")
}

fn empty(message: &str) -> Markup {
    html! { p.chart-empty { (message) } }
}

/// Runs `draw` on a fresh SVG canvas of `height` and returns the finished chart markup, or a
/// sentence when plotters could not draw it.
fn render(
    title: &str,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Drawn,
) -> Markup {
    let mut svg = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE)
            .map_err(failed)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(failed))
    };
    match drawn {
        Ok(()) => PreEscaped(decorate(&mark_classes(&svg), title)),
        Err(error) => {
            eprintln!("hirepulse serve: chart {title:?} not drawn: {error}");
            empty("This chart could not be drawn; the table has its figures.")
        }
    }
}

/// Adds the chart class, an accessible name and a `<title>` to the root `<svg>` element.
fn decorate(svg: &str, title: &str) -> String {
    let title = html! { (title) }.into_string();
    let opened = svg.replacen(
        "<svg ",
        &format!(r#"<svg class="chart" role="img" aria-label="{title}" "#),
        1,
    );
    match opened.find('>') {
        Some(end) => format!(
            "{}<title>{title}</title>{}",
            &opened[..=end],
            &opened[end + 1..]
        ),
        None => opened,
    }
}

/// Gives the data marks their class, found by the opacity each kind is drawn with.
fn mark_classes(svg: &str) -> String {
    let marks = [
        ("<polygon ", BAND_OPACITY, "band"),
        ("<rect ", BOX_OPACITY, "box"),
        ("<rect ", BAR_OPACITY, "bar"),
        ("<polyline ", SERIES_OPACITY, "series"),
    ];
    svg.lines()
        .map(|line| {
            marks
                .iter()
                .find(|(tag, opacity, _)| {
                    line.starts_with(tag) && line.contains(&format!(r#"opacity="{opacity}""#))
                })
                .map_or_else(
                    || line.to_string(),
                    |(tag, _, class)| line.replacen(tag, &format!(r#"{tag}class="{class}" "#), 1),
                )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A text style anchored at its right end, vertically centred.
fn right_aligned(size: u32, colour: &RGBColor) -> TextStyle<'static> {
    (FONT, size)
        .into_font()
        .color(colour)
        .pos(Pos::new(HPos::Right, VPos::Center))
}

/// A text style anchored at its left end, vertically centred.
fn left_aligned(size: u32, colour: &RGBColor) -> TextStyle<'static> {
    (FONT, size)
        .into_font()
        .color(colour)
        .pos(Pos::new(HPos::Left, VPos::Center))
}

/// A line chart over `x_labels` with a shaded interval band per line; `format` labels the y
/// axis. Months without a figure break the line.
pub fn line_chart(
    title: &str,
    x_labels: &[String],
    lines: &[Line],
    format: fn(f64) -> String,
) -> Markup {
    let top = lines
        .iter()
        .flat_map(|line| line.points.iter().flatten())
        .flat_map(|point| [point.low, point.high, point.value])
        .filter(|value| value.is_finite())
        .fold(f64::NAN, f64::max);
    if !top.is_finite() || x_labels.is_empty() {
        return empty("No figures to chart for this selection.");
    }
    let top = top.max(1e-9) * 1.08;
    let x_max = (x_labels.len() - 1).max(1) as f64;
    render(title, 320, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .margin_top(28)
            .x_label_area_size(30)
            .y_label_area_size(56)
            .build_cartesian_2d(-0.02 * x_max..x_max * 1.02, 0.0..top)
            .map_err(failed)?;
        let labels = x_labels.to_vec();
        let x_label = move |x: &f64| {
            let index = x.round();
            if (x - index).abs() > 1e-6 || index < 0.0 {
                return String::new();
            }
            labels.get(index as usize).cloned().unwrap_or_default()
        };
        let y_label = move |y: &f64| format(*y);
        chart
            .configure_mesh()
            .x_labels(x_labels.len().min(8))
            .x_label_formatter(&x_label)
            .y_labels(6)
            .y_label_formatter(&y_label)
            .label_style((FONT, 15))
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(221, 221, 221))
            .draw()
            .map_err(failed)?;
        for (index, line) in lines.iter().enumerate() {
            let colour = colour(index);
            for run in runs(&line.points) {
                let band: Vec<(f64, f64)> = run
                    .iter()
                    .map(|(x, point)| (*x, point.high))
                    .chain(run.iter().rev().map(|(x, point)| (*x, point.low)))
                    .collect();
                chart
                    .draw_series(std::iter::once(Polygon::new(
                        band,
                        colour.mix(BAND_OPACITY).filled(),
                    )))
                    .map_err(failed)?;
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        run.iter()
                            .map(|(x, point)| (*x, point.value))
                            .collect::<Vec<_>>(),
                        colour.mix(SERIES_OPACITY).stroke_width(2),
                    )))
                    .map_err(failed)?;
            }
            // The legend: a swatch and the name along the top edge.
            let left = 60 + 120 * index as i32;
            root.draw(&Rectangle::new(
                [(left, 10), (left + 12, 22)],
                colour.filled(),
            ))
            .map_err(failed)?;
            root.draw(&Text::new(
                line.name.clone(),
                (left + 16, 16),
                left_aligned(16, &colour),
            ))
            .map_err(failed)?;
        }
        Ok(())
    })
}

/// Consecutive runs of points that have figures, with their x position.
fn runs(points: &[Option<Point>]) -> Vec<Vec<(f64, Point)>> {
    let mut out: Vec<Vec<(f64, Point)>> = Vec::new();
    let mut current = Vec::new();
    for (index, point) in points.iter().enumerate() {
        match point {
            Some(p) if p.value.is_finite() && p.low.is_finite() && p.high.is_finite() => {
                current.push((index as f64, *p));
            }
            _ if !current.is_empty() => out.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Room on the left of row charts for the row labels.
const ROW_LABEL_WIDTH: u32 = 150;

/// The frame of a chart of `rows` horizontal rows over `x`: row labels on the left (drawn by
/// the caller), `ticks` labelled x-axis ticks below, light vertical grid lines.
fn row_chart<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    x: std::ops::Range<f64>,
    rows: usize,
    ticks: usize,
    format: fn(f64) -> String,
) -> Result<ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>, String> {
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(30)
        .y_label_area_size(ROW_LABEL_WIDTH)
        .build_cartesian_2d(x, 0.0..rows as f64)
        .map_err(failed)?;
    let x_label = move |x: &f64| format(*x);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(ticks)
        .x_label_formatter(&x_label)
        .label_style((FONT, 15))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(221, 221, 221))
        .draw()
        .map_err(failed)?;
    Ok(chart)
}

/// Horizontal box plots (whiskers p10–p90, box p25–p75, a mark at the median), one row each,
/// labelled with n.
pub fn box_plot(title: &str, rows: &[BoxRow], format: fn(f64) -> String) -> Markup {
    let rows: Vec<&BoxRow> = rows
        .iter()
        .filter(|row| row.quantiles.iter().all(|q| q.is_finite()))
        .collect();
    if rows.is_empty() {
        return empty("No pay figures to chart for this selection.");
    }
    let low = rows
        .iter()
        .map(|row| row.quantiles[0])
        .fold(f64::MAX, f64::min);
    let high = rows
        .iter()
        .map(|row| row.quantiles[4])
        .fold(f64::MIN, f64::max);
    let (low, high) = if high > low {
        (low, high)
    } else {
        (low - 1.0, high + 1.0)
    };
    let pad = (high - low) * 0.05;
    let count = rows.len();
    let height = 56 + 36 * count as u32;
    render(title, height, |root| {
        let mut chart = row_chart(root, low - pad..high + pad, count, 6, format)?;
        for (index, row) in rows.iter().enumerate() {
            let colour = colour(index);
            // Row 0 at the top.
            let mid = (count - 1 - index) as f64 + 0.5;
            let [p10, p25, p50, p75, p90] = row.quantiles;
            chart
                .draw_series([
                    PathElement::new(vec![(p10, mid), (p90, mid)], BLACK.stroke_width(1)),
                    PathElement::new(
                        vec![(p10, mid - 0.15), (p10, mid + 0.15)],
                        BLACK.stroke_width(1),
                    ),
                    PathElement::new(
                        vec![(p90, mid - 0.15), (p90, mid + 0.15)],
                        BLACK.stroke_width(1),
                    ),
                ])
                .map_err(failed)?;
            chart
                .draw_series([
                    Rectangle::new(
                        [(p25, mid - 0.3), (p75, mid + 0.3)],
                        colour.mix(BOX_OPACITY).filled(),
                    ),
                    Rectangle::new([(p25, mid - 0.3), (p75, mid + 0.3)], colour.stroke_width(1)),
                ])
                .map_err(failed)?;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(p50, mid - 0.3), (p50, mid + 0.3)],
                    BLACK.stroke_width(2),
                )))
                .map_err(failed)?;
            let (_, y) = chart.backend_coord(&(low, mid));
            root.draw(&Text::new(
                format!("{} (n={})", row.label, row.n),
                (ROW_LABEL_WIDTH as i32 + 2, y),
                right_aligned(16, &RGBColor(34, 34, 34)),
            ))
            .map_err(failed)?;
        }
        Ok(())
    })
}

/// Horizontal bars from zero with interval whiskers, one row each, the note after each bar.
pub fn bar_chart(title: &str, bars: &[Bar], format: fn(f64) -> String) -> Markup {
    let bars: Vec<&Bar> = bars.iter().filter(|bar| bar.value.is_finite()).collect();
    if bars.is_empty() {
        return empty("No figures to chart for this selection.");
    }
    let reach = |bar: &Bar| {
        bar.interval
            .filter(|(_, high)| high.is_finite())
            .map_or(bar.value, |(_, high)| high.max(bar.value))
    };
    let high = bars
        .iter()
        .map(|bar| reach(bar))
        .fold(0.0, f64::max)
        .max(1e-9);
    // Room after the longest bar for its note.
    let high = high * 1.25;
    let count = bars.len();
    let height = 56 + 30 * count as u32;
    render(title, height, |root| {
        let mut chart = row_chart(root, 0.0..high, count, 5, format)?;
        for (index, bar) in bars.iter().enumerate() {
            let colour = colour(index);
            let mid = (count - 1 - index) as f64 + 0.5;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, mid - 0.32), (bar.value.max(0.0), mid + 0.32)],
                    colour.mix(BAR_OPACITY).filled(),
                )))
                .map_err(failed)?;
            if let Some((low, high)) = bar.interval.filter(|(l, h)| l.is_finite() && h.is_finite())
            {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(low, mid), (high, mid)],
                        BLACK.stroke_width(2),
                    )))
                    .map_err(failed)?;
            }
            let (x, y) = chart.backend_coord(&(reach(bar), mid));
            root.draw(&Text::new(
                bar.note.clone(),
                (x + 6, y),
                left_aligned(15, &RGBColor(34, 34, 34)),
            ))
            .map_err(failed)?;
            root.draw(&Text::new(
                bar.label.clone(),
                (ROW_LABEL_WIDTH as i32 + 2, y),
                right_aligned(16, &RGBColor(34, 34, 34)),
            ))
            .map_err(failed)?;
        }
        Ok(())
    })
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

    const HOSTILE: &str = r#"<script>alert("x")</script> & 'quoted'"#;

    fn point(value: f64) -> Option<Point> {
        Some(Point {
            value,
            low: value - 0.1,
            high: value + 0.1,
        })
    }

    /// The hostile label must appear only escaped, never as markup.
    fn assert_escaped(svg: &str) {
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"), "{svg}");
    }

    #[test]
    fn a_line_chart_draws_a_band_and_a_line_per_run_and_escapes_names() {
        let svg = line_chart(
            HOSTILE,
            &[
                "2024-01".into(),
                "2024-02".into(),
                "2024-03".into(),
                "2024-04".into(),
            ],
            &[Line {
                name: HOSTILE.into(),
                points: vec![point(0.5), point(0.6), None, point(0.4)],
            }],
            percent,
        )
        .into_string();
        assert!(
            svg.starts_with(r#"<svg class="chart" role="img" aria-label=""#),
            "{svg}"
        );
        assert_eq!(
            svg.matches(r#"<polyline class="series""#).count(),
            2,
            "{svg}"
        );
        assert_eq!(svg.matches(r#"<polygon class="band""#).count(), 2, "{svg}");
        assert!(svg.contains("2024-03"), "{svg}");
        assert_escaped(&svg);
        let nothing = line_chart("t", &["a".into()], &[], percent).into_string();
        assert!(
            !nothing.contains("<svg") && nothing.contains("No figures"),
            "{nothing}"
        );
    }

    #[test]
    fn box_plots_show_n_and_escape_labels() {
        let svg = box_plot(
            "pay",
            &[
                BoxRow {
                    label: "rust".into(),
                    n: 42,
                    quantiles: [100e3, 120e3, 150e3, 170e3, 200e3],
                },
                BoxRow {
                    label: HOSTILE.into(),
                    n: 7,
                    quantiles: [90e3, 110e3, 130e3, 160e3, 210e3],
                },
            ],
            thousands,
        )
        .into_string();
        assert!(svg.contains("rust (n=42)"), "{svg}");
        assert_eq!(svg.matches(r#"<rect class="box""#).count(), 2, "{svg}");
        assert!(
            svg.contains("$150K") || svg.contains("$140K"),
            "axis in $K: {svg}"
        );
        assert_escaped(&svg);
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

    /// The `x` and `width` of each `<rect class="bar">`.
    fn bar_extents(svg: &str) -> Vec<(f64, f64)> {
        let attribute = |line: &str, name: &str| -> f64 {
            let start = line.find(&format!(r#" {name}=""#)).expect(name) + name.len() + 3;
            let end = start + line[start..].find('"').expect("closing quote");
            line[start..end].parse().expect("a number")
        };
        svg.lines()
            .filter(|line| line.starts_with(r#"<rect class="bar""#))
            .map(|line| (attribute(line, "x"), attribute(line, "width")))
            .collect()
    }

    #[test]
    fn bars_start_at_zero_and_scale_with_their_value() {
        let svg = bar_chart(
            "share",
            &[
                Bar {
                    label: "a".into(),
                    value: 0.5,
                    interval: Some((0.4, 0.6)),
                    note: "n=9".into(),
                },
                Bar {
                    label: HOSTILE.into(),
                    value: 0.25,
                    interval: None,
                    note: HOSTILE.into(),
                },
            ],
            percent,
        )
        .into_string();
        let bars = bar_extents(&svg);
        assert_eq!(bars.len(), 2, "{svg}");
        assert_eq!(bars[0].0, bars[1].0, "both bars start at zero: {svg}");
        let ratio = bars[0].1 / bars[1].1;
        assert!(
            (ratio - 2.0).abs() < 0.05,
            "0.5 is twice 0.25: {ratio} in {svg}"
        );
        assert!(svg.contains("n=9"), "{svg}");
        assert_escaped(&svg);
    }

    #[test]
    fn the_markup_uses_no_style_attributes_or_scripts() {
        let svg = bar_chart(
            "share",
            &[Bar {
                label: "a".into(),
                value: 1.0,
                interval: None,
                note: String::new(),
            }],
            plain,
        )
        .into_string();
        assert!(
            !svg.contains("style="),
            "the CSP forbids inline styles: {svg}"
        );
        assert!(!svg.contains("<script") && !svg.contains("href"), "{svg}");
    }
}
