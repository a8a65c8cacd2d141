using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Marketplace.Tests.Support;

/// <summary>A child process whose stdout and stderr are collected as it runs; disposing kills it and its children.</summary>
public sealed class CapturedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CapturedProcess(Process process) => _process = process;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static CapturedProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var captured = new CapturedProcess(Process.Start(start)!);
        captured._process.OutputDataReceived += (_, e) => captured.Append(e.Data);
        captured._process.ErrorDataReceived += (_, e) => captured.Append(e.Data);
        captured._process.BeginOutputReadLine();
        captured._process.BeginErrorReadLine();
        return captured;
    }

    /// <summary>A loopback port nothing listens on right now, for a process to be told to listen on.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        _process.WaitForExit(); // flushes the redirected output
    }

    /// <summary>SIGKILL (on Unix; TerminateProcess on Windows): the process gets no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}
