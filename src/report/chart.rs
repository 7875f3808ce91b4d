//! report.svg: side means with their 95% CIs, and the timeline when the
//! articles carry dates.
//!
//! Drawn with plotters' SVG backend (no fonts or system libraries needed;
//! the viewer renders the text), so the chart is reproducible byte for byte
//! from the same aggregates and can be embedded in report.html as is.

use super::{ReportError, ReportInput, ReportOptions, Reporter};
use crate::aggregate::Aggregates;
use plotters::prelude::*;
use std::collections::BTreeSet;
use std::io::Write;

const WHAT: &str = "report.svg";

fn chart_err<E: std::fmt::Display>(e: E) -> ReportError {
    ReportError::Chart {
        what: WHAT,
        message: e.to_string(),
    }
}

/// report.svg.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChartSvg;

/// Renders the chart to an SVG string.
pub fn render_svg(agg: &Aggregates) -> Result<String, ReportError> {
    let periods: Vec<String> = agg
        .timeline
        .iter()
        .map(|t| t.period.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let height = if periods.is_empty() { 420 } else { 820 };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (820, height)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_err)?;
        let (top, bottom) = if periods.is_empty() {
            (root.clone(), None)
        } else {
            let (t, b) = root.split_vertically(410);
            (t, Some(b))
        };
        draw_means(&top, agg)?;
        if let Some(bottom) = bottom {
            draw_timeline(&bottom, agg, &periods)?;
        }
        root.present().map_err(chart_err)?;
    }
    Ok(svg)
}

fn side_color(i: usize) -> RGBColor {
    const COLORS: [RGBColor; 6] = [
        RGBColor(31, 119, 180),
        RGBColor(214, 39, 40),
        RGBColor(44, 160, 44),
        RGBColor(148, 103, 189),
        RGBColor(255, 127, 14),
        RGBColor(127, 127, 127),
    ];
    COLORS[i % COLORS.len()]
}

fn draw_means<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    agg: &Aggregates,
) -> Result<(), ReportError>
where
    DB::ErrorType: 'static,
{
    let names: Vec<String> = agg.sides.iter().map(|s| s.side.clone()).collect();
    let n = names.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .caption(
            "Mean optimism by side (95% CI, articles resampled)",
            ("sans-serif", 20),
        )
        .margin(12)
        .margin_right(48)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .build_cartesian_2d((0..n).into_segmented(), -1.0f64..1.0f64)
        .map_err(chart_err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .max_light_lines(1)
        .x_labels(n)
        .x_label_formatter(&|v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) => names.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .y_desc("optimism (−1 pessimistic … +1 optimistic)")
        .draw()
        .map_err(chart_err)?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(SegmentValue::Exact(0), 0.0), (SegmentValue::Last, 0.0)],
            BLACK.mix(0.4),
        )))
        .map_err(chart_err)?;
    for (i, s) in agg.sides.iter().enumerate() {
        let color = side_color(i);
        let x = SegmentValue::CenterOf(i);
        if let (Some(lo), Some(hi)) = (s.ci_low, s.ci_high) {
            chart
                .draw_series([PathElement::new(
                    vec![(x.clone(), lo), (x.clone(), hi)],
                    color.stroke_width(2),
                )])
                .map_err(chart_err)?;
        }
        if let Some(m) = s.mean {
            chart
                .draw_series([Circle::new((x.clone(), m), 6, color.filled())])
                .map_err(chart_err)?;
            chart
                .draw_series([EmptyElement::at((x, m))
                    + Text::new(
                        format!("{m:.2} (n={})", s.n_scored),
                        (10, -16),
                        ("sans-serif", 13).into_font(),
                    )])
                .map_err(chart_err)?;
        }
    }
    Ok(())
}

fn draw_timeline<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    agg: &Aggregates,
    periods: &[String],
) -> Result<(), ReportError>
where
    DB::ErrorType: 'static,
{
    let n = periods.len();
    let mut chart = ChartBuilder::on(area)
        .caption(
            format!("Mean optimism per {}", agg.options.period),
            ("sans-serif", 20),
        )
        .margin(12)
        .margin_right(48)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .build_cartesian_2d(0..n.saturating_sub(1).max(1), -1.0f64..1.0f64)
        .map_err(chart_err)?;
    chart
        .configure_mesh()
        .max_light_lines(1)
        .x_labels(n.min(12))
        .x_label_formatter(&|i: &usize| periods.get(*i).cloned().unwrap_or_default())
        .y_desc("mean optimism")
        .draw()
        .map_err(chart_err)?;
    for (si, side) in agg.sides.iter().enumerate() {
        let points: Vec<(usize, f64)> = agg
            .timeline
            .iter()
            .filter(|t| t.side == side.side)
            .filter_map(|t| {
                let i = periods.iter().position(|p| *p == t.period)?;
                t.mean.map(|m| (i, m))
            })
            .collect();
        if points.is_empty() {
            continue;
        }
        let color = side_color(si);
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))
            .map_err(chart_err)?
            .label(side.side.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color));
        chart
            .draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 4, color.filled())),
            )
            .map_err(chart_err)?;
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(chart_err)?;
    Ok(())
}

impl Reporter for ChartSvg {
    fn file_name(&self) -> &'static str {
        "report.svg"
    }

    fn write(
        &self,
        input: &ReportInput<'_>,
        _opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        let svg = render_svg(input.aggregates)?;
        out.write_all(svg.as_bytes())
            .map_err(|source| ReportError::Io { what: WHAT, source })
    }
}
