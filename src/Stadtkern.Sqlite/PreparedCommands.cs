using Microsoft.Data.Sqlite;

namespace Stadtkern.Sqlite;

/// <summary>The writer's commands, kept by SQL text so each statement is prepared once and reused for every write.</summary>
internal sealed class PreparedCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteCommand Get(string sql, SqliteTransaction transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
    }
}
