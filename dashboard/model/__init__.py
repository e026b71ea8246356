"""Pure building blocks, no Streamlit: view types, area names and colours, charts, derived figures, sources."""
