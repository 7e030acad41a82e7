using System.Net;
using System.Net.Sockets;

namespace AiNow.Testing;

/// <summary>Ports for servers a test starts on the loopback interface.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now (the operating system's pick, so parallel tests do not collide).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
