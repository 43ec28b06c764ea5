"""/library : upload articles in the browser; the same ingest as the CLI, with a progress bar."""

import pandas as pd
import streamlit as st

from parley.ui import auth, store
from parley.ui import sources as src
from parley.ui.errors import shown_errors
from parley.ui.store import IngestReport

TYPES = ["txt", "html", "htm", "json", "jsonl"]
_REPORT = "library_report"
_FETCHED = "library_fetched"


def report_tables(report: IngestReport) -> dict[str, pd.DataFrame]:
    """The report's four lists as small tables (shown in st.dataframe, which never runs HTML)."""
    return {
        "Accepted": pd.DataFrame({"file": report.ingested}),
        "Duplicates (same body as a stored article)": pd.DataFrame(
            report.duplicates, columns=["file", "duplicate of"]),
        "Already stored": pd.DataFrame({"file": report.already}),
        "Rejected": pd.DataFrame(report.rejected, columns=["file", "reason"]),
    }


st.title("Library")
st.caption(f"{store.article_count()} articles stored. Upload .txt, .html, .htm, .json or .jsonl files; "
           f"each file is read, cleaned, extracted and stored, or rejected with a reason.")

if not auth.current().can_write:
    st.warning("Uploading is for analysts. You can read every page; ask an analyst to add articles.",
               icon=":material/lock:")
    st.stop()

files = st.file_uploader("Articles", type=TYPES, accept_multiple_files=True, key="library_files")
if files and st.button(f"Ingest {len(files)} file(s)", type="primary", key="library_ingest"):
    bar = st.progress(0.0, text="Starting…")

    def progress(done: int, total: int, origin: str) -> None:
        """Move the bar after each file."""
        bar.progress(done / max(total, 1), text=f"{done}/{total}")

    with shown_errors("Ingest failed"):
        report = store.ingest_files([(f.name, f.getvalue()) for f in files], progress=progress)
        st.session_state[_REPORT] = report
    bar.empty()

last = st.session_state.get(_REPORT)
if isinstance(last, IngestReport):
    counts = (f"ingested {len(last.ingested)}, duplicates {len(last.duplicates)}, "
              f"already stored {len(last.already)}, rejected {len(last.rejected)}")
    (st.success if last.ingested and not last.rejected else st.warning if last.rejected else st.info)(counts)
    for title, table in report_tables(last).items():
        if len(table):
            st.subheader(title)
            st.dataframe(table, hide_index=True, key=f"library_{title.split()[0].lower()}")

st.subheader("Add by URL")
st.caption(f"Article pages (http or https), one per line, at most {src.MAX_URLS}: each is fetched politely "
           "(robots.txt, timeouts, a size limit), its main text extracted, then ingested like a file. A URL "
           "already stored (tracking parameters and #fragments aside) is not fetched again.")
text = st.text_area("Article URLs", key="library_urls", height=100)
if st.button("Fetch and ingest", key="library_fetch", disabled=not text.strip()):
    urls, extra = src.url_lines(text)
    with st.spinner(f"Fetching {len(urls)} URL(s)…"), shown_errors("Fetching failed"):
        fetched = src.fetch(urls)
        if extra:
            fetched.errors.append((f"{extra} more URL(s)", f"not fetched: at most {src.MAX_URLS} at a time"))
        st.session_state[_FETCHED] = fetched

fetched = st.session_state.get(_FETCHED)
if isinstance(fetched, src.SourcesReport):
    (st.warning if fetched.errors else st.success if fetched.new else st.info)(fetched.summary())
    for title, table in src.report_tables(fetched).items():
        if len(table):
            st.markdown(f"**{title}**")
            st.dataframe(table, hide_index=True, key=f"library_url_{title.split()[0].lower()}",
                         column_config=src.REPORT_COLUMNS)
