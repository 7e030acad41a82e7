using System.Net.Http.Headers;

namespace AiNow.Gateway.Tests.Security;

/// <summary>Holds an <see cref="HttpResponseMessage"/> to <see cref="SecurityHeaderSpec"/>.</summary>
internal static class SecurityHeaderAssert
{
    public static void Secured(HttpResponseMessage response, bool overHttps = false)
    {
        var violations = SecurityHeaderSpec.Violations(name => Values(response, name), overHttps);
        Assert.True(violations.Count == 0,
            $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {string.Join("; ", violations)}");
    }

    private static List<string> Values(HttpResponseMessage response, string name)
    {
        var values = new List<string>();
        foreach (HttpHeaders headers in new HttpHeaders[] { response.Headers, response.Content.Headers })
        {
            if (headers.NonValidated.TryGetValues(name, out var found))
            {
                values.AddRange(found);
            }
        }

        return values;
    }
}
