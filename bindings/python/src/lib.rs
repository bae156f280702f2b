//! Python bindings for phimask: the native module `phimask._phimask`.
//!
//! The Python package `phimask` (under `python/`) re-exports these classes.
//! Every entry point extracts its arguments first, then releases the GIL
//! (`py.detach`) for the whole analysis, and runs it inside
//! [`phimask::boundary::catch_panic`], so a Rust panic reaches Python as a
//! `phimask.AnalysisError`, never as pyo3's `PanicException`.
//!
//! Offsets: the core reports UTF-8 byte spans; they are converted once per
//! call, in one pass, to code-point indices (Python `str` indices) with
//! [`phimask::offsets::convert_from_bytes`].
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex};

use phimask::boundary::{catch_panic, run_batch};
use phimask::offsets::{convert_from_bytes, OffsetUnit};
use phimask::operators::{Mapping, Masker, OperatorSettings};
use phimask::{AnalyzeOptions, Analyzer, Entity, Error, ErrorKind, KeepReason, Policy};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyType};

/// The exception classes live in `phimask.exceptions` (Python, so that
/// `InputError` can also be a `ValueError`); they are looked up once.
fn exception_type<'py>(py: Python<'py>, name: &'static str) -> PyResult<Bound<'py, PyType>> {
    static CELLS: [PyOnceLock<Py<PyType>>; 5] = [
        PyOnceLock::new(),
        PyOnceLock::new(),
        PyOnceLock::new(),
        PyOnceLock::new(),
        PyOnceLock::new(),
    ];
    let index = match name {
        "PhimaskError" => 0,
        "PolicyError" => 1,
        "PatternError" => 2,
        "InputError" => 3,
        _ => 4,
    };
    let ty = CELLS[index].get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let module = py.import("phimask.exceptions")?;
        let ty = module.getattr(name)?.cast_into::<PyType>()?;
        Ok(ty.unbind())
    })?;
    Ok(ty.bind(py).clone())
}

/// Builds a `phimask` exception of the named class with a PHI-free message.
fn phimask_err(py: Python<'_>, class: &'static str, message: String) -> PyErr {
    match exception_type(py, class) {
        Ok(ty) => PyErr::from_type(ty, message),
        Err(e) => e,
    }
}

/// Maps a core error to its Python class. Core messages never carry
/// analysed text (only ids, offsets, lengths and configuration).
fn to_py_err(py: Python<'_>, err: &Error) -> PyErr {
    let class = match err.kind() {
        ErrorKind::InvalidPolicy { .. } | ErrorKind::InvalidOperator { .. } => "PolicyError",
        ErrorKind::InvalidPattern { .. } => "PatternError",
        ErrorKind::InputTooLarge { .. } | ErrorKind::InvalidUtf8 { .. } => "InputError",
        _ => "AnalysisError",
    };
    phimask_err(py, class, err.to_string())
}

/// A text argument: a `str` (borrowed from Python) or UTF-8 `bytes`
/// (decoded).
enum Text {
    Str(PyBackedStr),
    Owned(String),
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        match self {
            Text::Str(s) => s,
            Text::Owned(s) => s,
        }
    }
}

/// Extracts a text argument. Lone surrogates and invalid UTF-8 become
/// `InputError` (without quoting the text); other types a `TypeError`.
fn text_arg(obj: &Bound<'_, PyAny>) -> PyResult<Text> {
    let py = obj.py();
    if obj.is_instance_of::<PyString>() {
        return match obj.extract::<PyBackedStr>() {
            Ok(s) => Ok(Text::Str(s)),
            Err(_) => Err(phimask_err(
                py,
                "InputError",
                "text contains lone surrogates and cannot be encoded as UTF-8".into(),
            )),
        };
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return match phimask::from_utf8(b.as_bytes()) {
            Ok(s) => Ok(Text::Owned(s.to_owned())),
            Err(e) => Err(to_py_err(py, &e)),
        };
    }
    Err(PyTypeError::new_err(format!(
        "text must be str or bytes, not {}",
        obj.get_type().name()?
    )))
}

/// A score as the nearest 6-decimal float (0.9, not 0.8999999761581421).
fn score(s: f32) -> f64 {
    (f64::from(s) * 1e6).round() / 1e6
}

/// Converts every byte offset in `offsets` to a code-point index of `text`.
fn to_chars(text: &str, offsets: &mut [usize]) {
    convert_from_bytes(text, offsets, OffsetUnit::Chars);
}

/// An optional name as Python would print it (`None` or `'name'`).
fn py_opt(v: &Option<String>) -> String {
    v.as_ref()
        .map_or_else(|| "None".to_owned(), |s| format!("{s:?}"))
}

/// How a detection was found.
#[pyclass(module = "phimask", name = "Explanation", frozen, get_all)]
#[derive(Clone, Debug)]
struct PyExplanation {
    /// The recognizer's id.
    recognizer: String,
    /// The pattern or rule name, if any.
    pattern: Option<String>,
    /// The score before context enhancement.
    base_score: f64,
    /// What context enhancement added (0.0 when none).
    context_boost: f64,
    /// The context word (from the recognizer's list) that raised the score.
    context_word: Option<String>,
    /// The validator's verdict, if a validator ran.
    validated: Option<bool>,
}

#[pymethods]
impl PyExplanation {
    fn __repr__(&self) -> String {
        format!(
            "Explanation(recognizer={:?}, pattern={}, base_score={:.2}, context_word={}, context_boost={:.2}, validated={})",
            self.recognizer,
            py_opt(&self.pattern),
            self.base_score,
            py_opt(&self.context_word),
            self.context_boost,
            match self.validated {
                None => "None",
                Some(true) => "True",
                Some(false) => "False",
            }
        )
    }
}

/// A region of the text reported as PHI. `start`/`end` are `str` indices.
#[pyclass(module = "phimask", name = "Detection", frozen, get_all)]
#[derive(Debug)]
struct PyDetection {
    /// The entity name (Presidio's names: `PERSON`, `US_SSN`, ...).
    entity_type: String,
    /// Start index in the analysed `str`.
    start: usize,
    /// End index (exclusive) in the analysed `str`.
    end: usize,
    /// The final score, 0-1.
    score: f64,
    /// The recognizer that found it.
    recognizer: String,
    /// How it was found (when analysed with `explain=True`).
    explanation: Option<Py<PyExplanation>>,
}

#[pymethods]
impl PyDetection {
    fn __repr__(&self) -> String {
        // Never the matched text.
        format!(
            "Detection(entity_type={:?}, start={}, end={}, score={:.2})",
            self.entity_type, self.start, self.end, self.score
        )
    }

    /// The detection as a dict (no text).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("entity_type", &self.entity_type)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("score", self.score)?;
        d.set_item("recognizer", &self.recognizer)?;
        Ok(d)
    }
}

/// A candidate the analysis left in the text, with the rule that kept it.
#[pyclass(module = "phimask", name = "Kept", frozen, get_all)]
#[derive(Debug)]
struct PyKept {
    /// What it would have been.
    entity_type: String,
    /// Start index in the analysed `str`.
    start: usize,
    /// End index (exclusive).
    end: usize,
    /// Its score.
    score: f64,
    /// The recognizer that proposed it.
    recognizer: String,
    /// `"rule"`, `"allow_list"` or `"below_threshold"`.
    reason: String,
    /// The scope rule's name (`age_under_90`, `year_alone`, ...) when
    /// `reason == "rule"`.
    rule: Option<String>,
}

#[pymethods]
impl PyKept {
    fn __repr__(&self) -> String {
        format!(
            "Kept(entity_type={:?}, start={}, end={}, reason={:?}, rule={})",
            self.entity_type,
            self.start,
            self.end,
            self.reason,
            py_opt(&self.rule)
        )
    }
}

/// The result of `Analyzer.analyze`: a sequence of detections (sorted by
/// start), plus `kept`.
#[pyclass(module = "phimask", name = "Analysis", frozen, sequence)]
#[derive(Debug)]
struct PyAnalysis {
    detections: Py<PyList>,
    kept: Py<PyList>,
}

#[pymethods]
impl PyAnalysis {
    /// The detections, sorted by start.
    #[getter]
    fn detections(&self, py: Python<'_>) -> Py<PyList> {
        self.detections.clone_ref(py)
    }

    /// Candidates left in the text, each with the reason.
    #[getter]
    fn kept(&self, py: Python<'_>) -> Py<PyList> {
        self.kept.clone_ref(py)
    }

    fn __len__(&self, py: Python<'_>) -> usize {
        self.detections.bind(py).len()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: isize) -> PyResult<Bound<'py, PyAny>> {
        self.detections.bind(py).as_sequence().get_item(
            usize::try_from(if index < 0 {
                index + self.detections.bind(py).len() as isize
            } else {
                index
            })
            .map_err(|_| pyo3::exceptions::PyIndexError::new_err("index out of range"))?,
        )
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.detections.bind(py).try_iter()?.into_any())
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Analysis({} detections, {} kept)",
            self.detections.bind(py).len(),
            self.kept.bind(py).len()
        )
    }
}

/// One masked region: where it was in the input and where its replacement
/// is in the output (`str` indices).
#[pyclass(module = "phimask", name = "MaskedItem", frozen, get_all)]
#[derive(Clone, Debug)]
struct PyMaskedItem {
    /// The entity name.
    entity_type: String,
    /// Start index in the input.
    start: usize,
    /// End index in the input.
    end: usize,
    /// Start index of the replacement in the masked text.
    output_start: usize,
    /// End index of the replacement in the masked text.
    output_end: usize,
    /// The operator applied (`mask`, `replace`, `placeholder`, ...).
    operator: String,
}

#[pymethods]
impl PyMaskedItem {
    fn __repr__(&self) -> String {
        format!(
            "MaskedItem(entity_type={:?}, start={}, end={}, output_start={}, output_end={}, operator={:?})",
            self.entity_type, self.start, self.end, self.output_start, self.output_end, self.operator
        )
    }
}

/// Placeholders and the originals they replaced, for `restore`. Holds PHI:
/// keep it where the PHI may be.
#[pyclass(module = "phimask", name = "Mapping", frozen)]
#[derive(Clone, Default)]
struct PyMapping {
    inner: Mapping,
}

impl fmt::Debug for PyMapping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

#[pymethods]
impl PyMapping {
    /// An empty mapping, or one read back from `to_json()`.
    #[new]
    #[pyo3(signature = (json = None))]
    fn new(py: Python<'_>, json: Option<&str>) -> PyResult<Self> {
        match json {
            None => Ok(PyMapping::default()),
            Some(doc) => serde_json::from_str::<Mapping>(doc)
                .map(|inner| PyMapping { inner })
                .map_err(|_| {
                    phimask_err(py, "InputError", "not a phimask mapping document".into())
                }),
        }
    }

    /// Puts the originals back in place of the placeholders in `text`.
    fn restore(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        let text = text_arg(text)?;
        let inner = &self.inner;
        py.detach(|| catch_panic("python.restore", || Ok(inner.restore(text.as_ref()))))
            .map_err(|e| to_py_err(py, &e))
    }

    /// The placeholders, in order of first use.
    fn placeholders(&self) -> Vec<String> {
        self.inner.placeholders().map(str::to_owned).collect()
    }

    /// The original a placeholder replaced.
    fn original(&self, placeholder: &str) -> Option<String> {
        self.inner.original(placeholder).map(str::to_owned)
    }

    /// The mapping as `{placeholder: original}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for p in self.inner.placeholders() {
            d.set_item(p, self.inner.original(p))?;
        }
        Ok(d)
    }

    /// The mapping as a JSON document (holds PHI).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        serde_json::to_string(&self.inner)
            .map_err(|_| phimask_err(py, "AnalysisError", "cannot serialise the mapping".into()))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, (String,))> {
        Ok((py.get_type::<PyMapping>(), (self.to_json(py)?,)))
    }

    fn __repr__(&self) -> String {
        format!("Mapping({} placeholders)", self.inner.len())
    }
}

/// The result of `Analyzer.mask`.
///
/// The items are kept as Rust values and become Python objects on the first
/// read of `.items`, so a call that only reads `.text` holds the GIL for one
/// object, not one per masked region.
#[pyclass(module = "phimask", name = "Masked", frozen)]
struct PyMasked {
    /// The masked text.
    #[pyo3(get)]
    text: String,
    /// The masked regions, in order (built without the GIL).
    regions: Vec<PyMaskedItem>,
    /// `regions` as a Python list, made on first access.
    items: PyOnceLock<Py<PyList>>,
    /// Placeholders and their originals (empty unless the placeholder
    /// operator ran).
    #[pyo3(get)]
    mapping: Py<PyMapping>,
}

impl fmt::Debug for PyMasked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PyMasked")
            .field("regions", &self.regions.len())
            .finish_non_exhaustive()
    }
}

#[pymethods]
impl PyMasked {
    /// The masked regions, in order (the same list on every read).
    #[getter]
    fn items(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let list = self.items.get_or_try_init(py, || -> PyResult<Py<PyList>> {
            let list = PyList::empty(py);
            for it in &self.regions {
                list.append(it.clone())?;
            }
            Ok(list.unbind())
        })?;
        Ok(list.clone_ref(py))
    }

    fn __repr__(&self) -> String {
        format!("Masked({} items)", self.regions.len())
    }

    fn __str__(&self) -> String {
        self.text.clone()
    }
}

/// Per-call options, extracted before the GIL is released.
#[derive(Clone, Debug, Default)]
struct CallOptions {
    analyze: AnalyzeOptions,
    masker: Option<Masker>,
}

/// Finds and masks PHI. Immutable and thread-safe; picklable (the policy
/// document is pickled and the analyzer rebuilt).
#[pyclass(module = "phimask", name = "Analyzer", frozen)]
struct PyAnalyzer {
    inner: Arc<Analyzer>,
    /// The policy as TOML, for pickling.
    policy_toml: String,
    hash_key: Option<Vec<u8>>,
}

impl fmt::Debug for PyAnalyzer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PyAnalyzer")
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}

/// Reads a policy argument: `None`, a dict, a path, a built-in name or a
/// policy document (TOML or JSON).
fn policy_arg(py: Python<'_>, policy: Option<&Bound<'_, PyAny>>) -> PyResult<Policy> {
    let Some(obj) = policy else {
        return Ok(Policy::safe_harbor());
    };
    if obj.is_none() {
        return Ok(Policy::safe_harbor());
    }
    let perr = |e: Error| to_py_err(py, &e);
    if obj.is_instance_of::<PyDict>() {
        let doc: String = py
            .import("json")?
            .call_method1("dumps", (obj,))?
            .extract()?;
        return Policy::from_json(&doc).map_err(perr);
    }
    let os = py.import("os")?;
    let is_pathlike = obj.is_instance(&os.getattr("PathLike")?)?;
    let s: String = if is_pathlike {
        os.call_method1("fspath", (obj,))?.extract()?
    } else if obj.is_instance_of::<PyString>() {
        obj.extract()?
    } else {
        return Err(PyTypeError::new_err(
            "policy must be None, a dict, a path, a built-in name or a policy document",
        ));
    };
    if !is_pathlike {
        if let Some(p) = Policy::named(&s) {
            return Ok(p);
        }
    }
    let looks_like_path = is_pathlike
        || (!s.contains('\n')
            && (s.ends_with(".toml")
                || s.ends_with(".json")
                || std::path::Path::new(&s).is_file()));
    if looks_like_path {
        let doc = std::fs::read_to_string(&s).map_err(|e| {
            phimask_err(
                py,
                "PolicyError",
                format!("cannot read the policy file {s:?}: {e}"),
            )
        })?;
        return if s.ends_with(".json") {
            Policy::from_json(&doc)
        } else if s.ends_with(".toml") {
            Policy::from_toml(&doc)
        } else {
            Policy::parse(&doc)
        }
        .map_err(perr);
    }
    Policy::parse(&s).map_err(|e| {
        if s.contains('=') || s.contains('{') || s.contains('\n') {
            perr(e)
        } else {
            phimask_err(
                py,
                "PolicyError",
                format!("unknown policy {s:?}: not a built-in name (safe_harbor, strict), a file or a policy document"),
            )
        }
    })
}

fn entity_arg(py: Python<'_>, name: &str) -> PyResult<Entity> {
    Entity::parse(name).ok_or_else(|| {
        phimask_err(
            py,
            "PolicyError",
            format!("invalid entity name {name:?} (expected upper-case letters, digits and _)"),
        )
    })
}

impl PyAnalyzer {
    fn options(
        &self,
        py: Python<'_>,
        entities: Option<Vec<String>>,
        score_threshold: Option<f64>,
        explain: bool,
        operators: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<CallOptions> {
        let mut opts = CallOptions::default();
        if let Some(names) = entities {
            opts.analyze.entities = Some(
                names
                    .iter()
                    .map(|n| entity_arg(py, n))
                    .collect::<PyResult<_>>()?,
            );
        }
        if let Some(t) = score_threshold {
            if !(0.0..=1.0).contains(&t) {
                return Err(phimask_err(
                    py,
                    "PolicyError",
                    format!("score_threshold must be between 0 and 1, not {t}"),
                ));
            }
            opts.analyze.score_threshold = Some(t as f32);
        }
        opts.analyze.explain = explain;
        if let Some(ops) = operators {
            let mut settings = operator_settings(py, ops)?;
            settings.merge_from(&self.inner.policy().operators);
            let mut b = Masker::builder();
            b.operators(settings);
            if let Some(k) = &self.hash_key {
                b.hash_key(k.clone());
            }
            opts.masker = Some(b.build().map_err(|e| to_py_err(py, &e))?);
        }
        Ok(opts)
    }

    /// Analyses `text` and converts the offsets to `str` indices: all the
    /// Rust work of `analyze`, run without the GIL.
    fn analyze_one(&self, text: &str, opts: &CallOptions) -> Result<AnalysisChars, Error> {
        // The offset conversion runs inside `catch_panic` too: a panic
        // anywhere in the call becomes `AnalysisError`, never pyo3's
        // `PanicException`.
        catch_panic("python.analyze", || {
            self.inner
                .analyze_with(text, &opts.analyze)
                .map(|analysis| AnalysisChars::new(text, analysis))
        })
    }

    /// Analyses and masks `text` and converts the offsets to `str` indices:
    /// all the Rust work of `mask`, run without the GIL.
    fn mask_one(&self, text: &str, opts: &CallOptions) -> Result<MaskedChars, Error> {
        catch_panic("python.mask", || {
            let analysis = self.inner.analyze_with(text, &opts.analyze)?;
            match &opts.masker {
                Some(m) => m.mask(text, &analysis),
                None => self.inner.masker().mask(text, &analysis),
            }
            .map(|masked| MaskedChars::new(text, masked))
        })
    }
}

/// Reads `{"default": op, "PERSON": op, ...}` where `op` is an operator
/// name or a dict like `{"type": "replace", "value": "<NAME>"}`.
fn operator_settings(py: Python<'_>, ops: &Bound<'_, PyDict>) -> PyResult<OperatorSettings> {
    let json = py.import("json")?;
    let mut entities = serde_json::Map::new();
    let mut default = None;
    for (k, v) in ops.iter() {
        let key: String = k
            .extract()
            .map_err(|_| PyTypeError::new_err("operator keys must be entity names or 'default'"))?;
        let value: serde_json::Value = if let Ok(name) = v.extract::<String>() {
            serde_json::json!({ "type": name })
        } else if v.is_instance_of::<PyDict>() {
            let doc: String = json.call_method1("dumps", (&v,))?.extract()?;
            serde_json::from_str(&doc).map_err(|e| PyValueError::new_err(e.to_string()))?
        } else {
            return Err(PyTypeError::new_err(
                "an operator is a name ('mask') or a dict ({'type': 'replace', 'value': '...'})",
            ));
        };
        if key == "default" {
            default = Some(value);
        } else {
            entity_arg(py, &key)?;
            entities.insert(key, value);
        }
    }
    let mut doc = serde_json::Map::new();
    if let Some(d) = default {
        doc.insert("default".into(), d);
    }
    doc.insert("entities".into(), serde_json::Value::Object(entities));
    serde_json::from_value(serde_json::Value::Object(doc))
        .map_err(|e| phimask_err(py, "PolicyError", format!("invalid operators: {e}")))
}

/// An analysis with its offsets in `str` indices: start and end of each
/// detection, then of each kept span.
struct AnalysisChars {
    analysis: phimask::Analysis,
    offsets: Vec<usize>,
}

impl AnalysisChars {
    fn new(text: &str, analysis: phimask::Analysis) -> AnalysisChars {
        let a = &analysis;
        let mut offsets = Vec::with_capacity(2 * (a.detections.len() + a.kept.len()));
        for span in a
            .detections
            .iter()
            .map(|d| d.span)
            .chain(a.kept.iter().map(|k| k.span))
        {
            offsets.push(span.start);
            offsets.push(span.end);
        }
        to_chars(text, &mut offsets);
        AnalysisChars { analysis, offsets }
    }
}

/// A masked text with its items as the Python class's Rust values, offsets
/// in `str` indices.
struct MaskedChars {
    masked: phimask::Masked,
    regions: Vec<PyMaskedItem>,
}

impl MaskedChars {
    fn new(input: &str, masked: phimask::Masked) -> MaskedChars {
        let mut ins = Vec::with_capacity(2 * masked.items.len());
        let mut outs = Vec::with_capacity(2 * masked.items.len());
        for it in &masked.items {
            ins.extend([it.input.start, it.input.end]);
            outs.extend([it.output.start, it.output.end]);
        }
        to_chars(input, &mut ins);
        to_chars(&masked.text, &mut outs);
        let regions = masked
            .items
            .iter()
            .zip(ins.chunks_exact(2).zip(outs.chunks_exact(2)))
            .map(|(it, (i, o))| PyMaskedItem {
                entity_type: it.entity.as_str().to_owned(),
                start: i[0],
                end: i[1],
                output_start: o[0],
                output_end: o[1],
                operator: it.operator.to_owned(),
            })
            .collect();
        MaskedChars { masked, regions }
    }
}

/// Builds the Python `Analysis` in one go, after the GIL is taken back.
fn analysis_to_py(py: Python<'_>, a: &AnalysisChars, explain: bool) -> PyResult<PyAnalysis> {
    let mut offs = a.offsets.iter().copied();
    let mut next = || offs.next().unwrap_or(0);
    let a = &a.analysis;
    let detections = PyList::empty(py);
    for d in &a.detections {
        let explanation = if explain {
            let e = &d.explanation;
            Some(Py::new(
                py,
                PyExplanation {
                    recognizer: e.recognizer.to_string(),
                    pattern: e.pattern.as_deref().map(str::to_owned),
                    base_score: score(e.base_score),
                    context_boost: score(e.context_boost),
                    context_word: e.context_word.as_deref().map(str::to_owned),
                    validated: e.validated,
                },
            )?)
        } else {
            None
        };
        let (start, end) = (next(), next());
        detections.append(PyDetection {
            entity_type: d.entity.as_str().to_owned(),
            start,
            end,
            score: score(d.score),
            recognizer: d.recognizer.to_string(),
            explanation,
        })?;
    }
    let kept = PyList::empty(py);
    for k in &a.kept {
        let (reason, rule) = match &k.reason {
            KeepReason::Rule(name) => ("rule", Some(name.to_string())),
            KeepReason::AllowList => ("allow_list", None),
            KeepReason::BelowThreshold => ("below_threshold", None),
            _ => ("other", None),
        };
        let (start, end) = (next(), next());
        kept.append(PyKept {
            entity_type: k.entity.as_str().to_owned(),
            start,
            end,
            score: score(k.score),
            recognizer: k.recognizer.to_string(),
            reason: reason.to_owned(),
            rule,
        })?;
    }
    Ok(PyAnalysis {
        detections: detections.unbind(),
        kept: kept.unbind(),
    })
}

/// Builds the Python `Masked` in one go, after the GIL is taken back.
fn masked_to_py(py: Python<'_>, m: MaskedChars) -> PyResult<PyMasked> {
    let MaskedChars { masked: m, regions } = m;
    Ok(PyMasked {
        text: m.text,
        regions,
        items: PyOnceLock::new(),
        mapping: Py::new(py, PyMapping { inner: m.mapping })?,
    })
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BatchKind {
    Analyze,
    Mask,
}

struct BatchState {
    source: Option<Py<PyAny>>,
    ready: VecDeque<PyResult<Py<PyAny>>>,
}

/// A streaming iterator over batch results: reads `chunk` texts at a time
/// from the source iterable, processes them in parallel with the GIL
/// released, and yields the results in input order. A text that fails
/// raises its error when its result is reached, and ends the iteration.
#[pyclass(module = "phimask", name = "BatchIterator", frozen)]
struct PyBatchIterator {
    analyzer: Py<PyAnalyzer>,
    kind: BatchKind,
    opts: CallOptions,
    explain: bool,
    threads: usize,
    chunk: usize,
    state: Mutex<BatchState>,
}

impl fmt::Debug for PyBatchIterator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PyBatchIterator")
            .field("kind", &self.kind)
            .field("threads", &self.threads)
            .field("chunk", &self.chunk)
            .finish_non_exhaustive()
    }
}

impl PyBatchIterator {
    fn fill(&self, py: Python<'_>, state: &mut BatchState) -> PyResult<()> {
        let Some(source) = state.source.as_ref() else {
            return Ok(());
        };
        let source = source.bind(py).clone();
        let mut texts = Vec::with_capacity(self.chunk);
        while texts.len() < self.chunk {
            match source.call_method0("__next__") {
                Ok(item) => match text_arg(&item) {
                    Ok(t) => texts.push(t),
                    Err(e) => {
                        state.source = None;
                        return Err(e);
                    }
                },
                Err(e) if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => {
                    state.source = None;
                    break;
                }
                Err(e) => {
                    state.source = None;
                    return Err(e);
                }
            }
        }
        if texts.is_empty() {
            return Ok(());
        }
        let analyzer = self.analyzer.get();
        let opts = &self.opts;
        let threads = self.threads;
        match self.kind {
            BatchKind::Analyze => {
                let results = py.detach(|| {
                    run_batch(&texts, Some(threads), "python.batch", |t| {
                        analyzer.analyze_one(t, opts)
                    })
                });
                for r in results {
                    state.ready.push_back(match r {
                        Ok(a) => analysis_to_py(py, &a, self.explain)
                            .and_then(|a| Ok(Py::new(py, a)?.into_any())),
                        Err(e) => Err(to_py_err(py, &e)),
                    });
                }
            }
            BatchKind::Mask => {
                let results = py.detach(|| {
                    run_batch(&texts, Some(threads), "python.batch", |t| {
                        analyzer.mask_one(t, opts)
                    })
                });
                for r in results {
                    state.ready.push_back(match r {
                        Ok(m) => masked_to_py(py, m).and_then(|m| Ok(Py::new(py, m)?.into_any())),
                        Err(e) => Err(to_py_err(py, &e)),
                    });
                }
            }
        }
        Ok(())
    }
}

#[pymethods]
impl PyBatchIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let mut state = self
            .state
            .lock()
            .map_err(|_| phimask_err(py, "AnalysisError", "batch iterator poisoned".into()))?;
        if state.ready.is_empty() {
            self.fill(py, &mut state)?;
        }
        match state.ready.pop_front() {
            None => Ok(None),
            Some(Ok(v)) => Ok(Some(v)),
            Some(Err(e)) => {
                state.ready.clear();
                state.source = None;
                Err(e)
            }
        }
    }
}

#[pymethods]
impl PyAnalyzer {
    /// Builds an analyzer from a policy: `None` (Safe Harbor), a dict, a
    /// path to a JSON or TOML file, a policy document, or a built-in name
    /// (`"safe_harbor"`, `"strict"`). `hash_key` (at least 16 bytes) is
    /// needed by the `hash` operator.
    #[new]
    #[pyo3(signature = (policy = None, hash_key = None))]
    fn new(
        py: Python<'_>,
        policy: Option<&Bound<'_, PyAny>>,
        hash_key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let policy = policy_arg(py, policy)?;
        let hash_key: Option<Vec<u8>> = match hash_key {
            None => None,
            Some(k) if k.is_none() => None,
            Some(k) => Some(if let Ok(s) = k.extract::<String>() {
                s.into_bytes()
            } else {
                k.extract::<Vec<u8>>()
                    .map_err(|_| PyTypeError::new_err("hash_key must be bytes or str"))?
            }),
        };
        let policy_toml = policy.to_toml().map_err(|e| to_py_err(py, &e))?;
        let key = hash_key.clone();
        let analyzer = py
            .detach(|| {
                catch_panic("python.Analyzer", || {
                    let mut b = phimask::builder();
                    b.policy(policy);
                    if let Some(k) = key {
                        b.hash_key(k);
                    }
                    b.build()
                })
            })
            .map_err(|e| to_py_err(py, &e))?;
        Ok(PyAnalyzer {
            inner: Arc::new(analyzer),
            policy_toml,
            hash_key,
        })
    }

    /// Finds PHI in `text`. Returns an `Analysis`: a sequence of
    /// `Detection`s with `str` indices, and `.kept`.
    #[pyo3(signature = (text, /, *, entities = None, score_threshold = None, explain = false))]
    fn analyze(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        entities: Option<Vec<String>>,
        score_threshold: Option<f64>,
        explain: bool,
    ) -> PyResult<PyAnalysis> {
        let text = text_arg(text)?;
        let opts = self.options(py, entities, score_threshold, explain, None)?;
        let t = text.as_ref();
        let a = py
            .detach(|| self.analyze_one(t, &opts))
            .map_err(|e| to_py_err(py, &e))?;
        analysis_to_py(py, &a, explain)
    }

    /// Analyses and masks `text`. `operators` maps entity names (or
    /// `"default"`) to an operator name or dict, overriding the policy's.
    #[pyo3(signature = (text, /, *, operators = None, entities = None, score_threshold = None))]
    fn mask(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        operators: Option<&Bound<'_, PyDict>>,
        entities: Option<Vec<String>>,
        score_threshold: Option<f64>,
    ) -> PyResult<PyMasked> {
        let text = text_arg(text)?;
        let opts = self.options(py, entities, score_threshold, false, operators)?;
        let t = text.as_ref();
        let m = py
            .detach(|| self.mask_one(t, &opts))
            .map_err(|e| to_py_err(py, &e))?;
        masked_to_py(py, m)
    }

    /// Analyses every text of an iterable in parallel (`threads`, default
    /// the number of cores), streaming `Analysis` results in input order.
    #[pyo3(signature = (texts, /, *, threads = None, entities = None, score_threshold = None, explain = false, chunk_size = None))]
    #[allow(clippy::too_many_arguments, reason = "Python keyword arguments")]
    fn analyze_batch(
        slf: Bound<'_, Self>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        entities: Option<Vec<String>>,
        score_threshold: Option<f64>,
        explain: bool,
        chunk_size: Option<usize>,
    ) -> PyResult<PyBatchIterator> {
        let py = slf.py();
        let opts = slf
            .get()
            .options(py, entities, score_threshold, explain, None)?;
        batch_iter(
            slf,
            texts,
            BatchKind::Analyze,
            opts,
            explain,
            threads,
            chunk_size,
        )
    }

    /// Masks every text of an iterable in parallel, streaming `Masked`
    /// results in input order.
    #[pyo3(signature = (texts, /, *, threads = None, operators = None, entities = None, score_threshold = None, chunk_size = None))]
    #[allow(clippy::too_many_arguments, reason = "Python keyword arguments")]
    fn mask_batch(
        slf: Bound<'_, Self>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        operators: Option<&Bound<'_, PyDict>>,
        entities: Option<Vec<String>>,
        score_threshold: Option<f64>,
        chunk_size: Option<usize>,
    ) -> PyResult<PyBatchIterator> {
        let py = slf.py();
        let opts = slf
            .get()
            .options(py, entities, score_threshold, false, operators)?;
        batch_iter(
            slf,
            texts,
            BatchKind::Mask,
            opts,
            false,
            threads,
            chunk_size,
        )
    }

    /// The policy as a TOML document.
    #[getter]
    fn policy(&self) -> String {
        self.policy_toml.clone()
    }

    /// The policy's name, if it has one.
    #[getter]
    fn name(&self) -> Option<String> {
        self.inner.policy().name.clone()
    }

    /// The ids of the recognizers in use.
    fn recognizer_ids(&self) -> Vec<String> {
        self.inner.recognizer_ids().map(str::to_owned).collect()
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> (Bound<'py, PyType>, (String, Option<Bound<'py, PyBytes>>)) {
        (
            py.get_type::<PyAnalyzer>(),
            (
                self.policy_toml.clone(),
                self.hash_key.as_ref().map(|k| PyBytes::new(py, k)),
            ),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Analyzer(policy={:?}, recognizers={})",
            self.inner.policy().name.as_deref().unwrap_or("custom"),
            self.inner.recognizer_ids().count()
        )
    }
}

fn batch_iter(
    slf: Bound<'_, PyAnalyzer>,
    texts: &Bound<'_, PyAny>,
    kind: BatchKind,
    opts: CallOptions,
    explain: bool,
    threads: Option<usize>,
    chunk_size: Option<usize>,
) -> PyResult<PyBatchIterator> {
    if threads == Some(0) || chunk_size == Some(0) {
        return Err(PyValueError::new_err(
            "threads and chunk_size must be at least 1",
        ));
    }
    let threads = threads.unwrap_or_else(default_threads);
    // Each chunk runs on freshly spawned threads (`run_batch`), whose regex
    // caches start cold; 256-text chunks made 2 threads only 1.5x one on
    // 433-character notes, 1024 gives 1.86x (benches/README.md, Python).
    let chunk = chunk_size.unwrap_or(1024.max(threads * 256));
    if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of texts, not a single text",
        ));
    }
    let source = texts.try_iter()?.into_any().unbind();
    Ok(PyBatchIterator {
        analyzer: slf.unbind(),
        kind,
        opts,
        explain,
        threads,
        chunk,
        state: Mutex::new(BatchState {
            source: Some(source),
            ready: VecDeque::new(),
        }),
    })
}

/// Puts the originals of `mapping` back in place of its placeholders.
#[pyfunction]
fn restore(py: Python<'_>, text: &Bound<'_, PyAny>, mapping: &PyMapping) -> PyResult<String> {
    mapping.restore(py, text)
}

/// The native module.
#[pymodule(gil_used = false)]
fn _phimask(m: &Bound<'_, PyModule>) -> PyResult<()> {
    phimask::boundary::quiet_panic_hook();
    m.add_class::<PyAnalyzer>()?;
    m.add_class::<PyAnalysis>()?;
    m.add_class::<PyDetection>()?;
    m.add_class::<PyExplanation>()?;
    m.add_class::<PyKept>()?;
    m.add_class::<PyMasked>()?;
    m.add_class::<PyMaskedItem>()?;
    m.add_class::<PyMapping>()?;
    m.add_class::<PyBatchIterator>()?;
    m.add_function(wrap_pyfunction!(restore, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
