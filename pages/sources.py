"""/sources : the RSS/Atom feeds polled for new articles; add, remove, poll now; each feed's last poll."""

import streamlit as st

from parley.ui import auth
from parley.ui import sources as src
from parley.ui.errors import shown_errors
from parley.ui.html import md_text

_RESULT = "sources_result"
_CHANGE = "sources_change"

st.title("Sources")
st.caption("RSS and Atom feeds. Polling fetches each feed (a conditional GET), then each new item's page, "
           "politely: robots.txt, a delay per host, timeouts and a size limit. New articles go through the "
           "same ingest as files. `python -m parley watch` polls on a schedule.")
can_write = auth.current().can_write

if can_write:
    add_col, opml_col = st.columns(2)
    with add_col:
        text = st.text_area("Feed URLs, one per line", key="sources_urls", height=100)
        if st.button("Add feeds", key="sources_add", disabled=not text.strip()):
            urls, extra = src.url_lines(text)
            with shown_errors("Could not add the feeds"):
                change = src.add_feeds(urls)
                if extra:
                    change.errors.append((f"{extra} more", f"at most {src.MAX_URLS} URLs at a time"))
                st.session_state[_CHANGE] = change
    with opml_col:
        opml = st.file_uploader("Or an OPML list of feeds", type=["opml", "xml"], key="sources_opml")
        if opml is not None and st.button("Add the listed feeds", key="sources_add_opml"):
            with shown_errors("Could not add the feeds"):
                st.session_state[_CHANGE] = src.add_opml(opml.name, opml.getvalue())
    change = st.session_state.get(_CHANGE)
    if isinstance(change, src.FeedChange):
        st.info(f"added {len(change.added)}, already there {len(change.already)}, "
                f"errors {len(change.errors)}")
        for url, reason in change.errors:
            st.warning(md_text(f"{url}: {reason}"), icon=":material/error:")
else:
    st.info("Adding, removing and polling feeds is for analysts. You can see every feed and its articles.",
            icon=":material/lock:")

with shown_errors("Could not read the feeds"):
    feeds = src.feeds_table()
    if can_write and st.button("Poll now", type="primary", key="sources_poll", disabled=feeds.empty):
        with st.spinner("Polling the feeds…"), shown_errors("Polling failed"):
            st.session_state[_RESULT] = src.poll_now()
            feeds = src.feeds_table()

    result = st.session_state.get(_RESULT)
    if isinstance(result, src.SourcesReport):
        (st.warning if result.errors else st.success)(result.summary())
        for title, table in src.report_tables(result).items():
            if len(table):
                st.subheader(title)
                st.dataframe(table, hide_index=True, key=f"sources_{title.split()[0].lower()}",
                             column_config=src.REPORT_COLUMNS)

    st.subheader(f"Feeds ({len(feeds)})")
    if feeds.empty:
        st.caption("No feeds yet." + (" Add one above." if can_write else ""))
    else:
        st.dataframe(
            feeds, hide_index=True, key="sources_feeds",
            column_order=["title", "url", "last_fetch", "status", "new_count", "articles", "item_errors",
                          "error"],
            column_config={
                "title": st.column_config.TextColumn("Feed", width="medium"),
                "url": st.column_config.LinkColumn("URL"),
                "last_fetch": st.column_config.DatetimeColumn("Last fetch (UTC)"),
                "status": "Status",
                "new_count": st.column_config.NumberColumn("New (last poll)"),
                "articles": st.column_config.NumberColumn("Articles"),
                "item_errors": st.column_config.NumberColumn("Failing items"),
                "error": st.column_config.TextColumn("Error", width="large"),
            },
        )
        # The labels are the options: a feed's title, learnt at its first poll, renames its option.
        labels = {f"{r.title} — {r.url}" if r.title else str(r.url): int(r.id) for r in feeds.itertuples()}
        label = st.selectbox("Articles of the feed", list(labels), key="sources_feed")
        chosen = labels.get(label) if label is not None else None
        if chosen is not None:
            st.dataframe(
                src.feed_articles(int(chosen)), hide_index=True, key="sources_feed_articles",
                column_config={
                    "link": st.column_config.LinkColumn("Read", display_text="open"),
                    "title": st.column_config.TextColumn("Title", width="large"),
                    "published": st.column_config.DateColumn("Published"),
                    "date_basis": st.column_config.TextColumn("Date basis (text vs feed)", width="large"),
                })
            if can_write and st.button("Remove this feed", key="sources_remove"):
                url = str(feeds.set_index("id").loc[int(chosen), "url"])
                with shown_errors("Could not remove the feed"):
                    src.remove_feed(url)
                    st.rerun()
