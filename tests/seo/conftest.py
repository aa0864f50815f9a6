# The articles in every hidden state, shared with the articles' own tests.
from tests.articles.conftest import hero_png, hidden_articles  # noqa: F401
