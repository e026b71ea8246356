"""Streamlit-only building blocks shared by the pages: chart furniture, downloads, selector blocks."""
