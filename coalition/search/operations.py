"""A migration operation for the search column's GIN index, which only PostgreSQL has."""

from django.db import migrations


class PostgresGinIndex(migrations.operations.base.Operation):
    """Create a GIN index on `table.column` on PostgreSQL; elsewhere, do nothing."""

    reversible = True
    reduces_to_sql = False

    def __init__(self, table, column, name):
        self.table, self.column, self.name = table, column, name

    def deconstruct(self):
        return self.__class__.__name__, [self.table, self.column, self.name], {}

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            quote = schema_editor.quote_name
            schema_editor.execute(
                f"CREATE INDEX {quote(self.name)} ON {quote(self.table)} "
                f"USING gin ({quote(self.column)})"
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self):
        return f"Create GIN index {self.name} on {self.table}.{self.column} (PostgreSQL only)"
