using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// A change made through one replica is published through Redis and every replica evicts at once: with caches five
/// minutes long, only the message can make the other replica see it within the tests' deadline.
/// </summary>
public sealed class ReplicaEvictionTests(PostgresServer server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_suspension_through_one_replica_is_refused_by_the_other_although_it_caches_stamps_for_five_minutes()
    {
        await using var replicas = await TwoReplicas.StartAsync(server, new Dictionary<string, string?>
        {
            ["Accounts:SecurityStampCacheDuration"] = "00:05:00",
        });
        var admin = await replicas.First.SignUpAdminAsync();
        var user = await replicas.First.SignUpAsync();
        using var onSecond = replicas.Second.CreateClient(user.AccessToken);
        await onSecond.AssertSignedInAsync();

        using (var suspend = await admin.Client.PostAsJsonAsync($"/api/admin/users/{user.Id}/suspend", new { reason = "Spam" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, suspend.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PollAsync(() => onSecond.DeleteAsync(NoListing, Ct), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Signing_out_everywhere_through_one_replica_ends_the_session_on_the_other_at_once()
    {
        await using var replicas = await TwoReplicas.StartAsync(server, new Dictionary<string, string?>
        {
            ["Accounts:SecurityStampCacheDuration"] = "00:05:00",
        });
        var user = await replicas.First.SignUpAsync();
        using var onSecond = replicas.Second.CreateClient(user.AccessToken);
        await onSecond.AssertSignedInAsync();

        using (var signOut = await user.Client.PostAsync("/api/auth/sign-out-everywhere", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PollAsync(() => onSecond.DeleteAsync(NoListing, Ct), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Signing_out_one_session_through_one_replica_refuses_its_access_token_on_the_other_at_once_and_no_other_session()
    {
        await using var replicas = await TwoReplicas.StartAsync(server, new Dictionary<string, string?>
        {
            ["Accounts:SecurityStampCacheDuration"] = "00:05:00",
        });
        var user = await replicas.First.SignUpAsync();
        var other = await replicas.First.SignInAsync(user.Email);
        using var onSecond = replicas.Second.CreateClient(user.AccessToken);
        using var otherOnSecond = replicas.Second.CreateClient(other.AccessToken);
        await onSecond.AssertSignedInAsync();
        await otherOnSecond.AssertSignedInAsync();

        using (var signOut = await user.Client.PostAsync("/api/auth/sign-out", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PollAsync(() => onSecond.DeleteAsync(NoListing, Ct), HttpStatusCode.Unauthorized));
        await otherOnSecond.AssertSignedInAsync();
    }

    [Fact]
    public async Task A_category_renamed_through_one_replica_is_served_renamed_by_the_other_although_it_caches_the_tree_for_five_minutes()
    {
        await using var replicas = await TwoReplicas.StartAsync(server, new Dictionary<string, string?>
        {
            ["Categories:CacheDuration"] = "00:05:00",
        });
        var admin = await replicas.First.SignUpAdminAsync();
        using var onSecond = replicas.Second.CreateClient();
        var toys = (await (await onSecond.GetAsync("/api/categories/toys", Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        var newName = $"Toys {Guid.NewGuid():N}"[..20];
        Assert.DoesNotContain(newName, await onSecond.GetStringAsync("/api/categories", Ct), StringComparison.Ordinal);

        using (var rename = await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{toys}", new { name = newName }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        }

        var stopwatch = Stopwatch.StartNew();
        var tree = "";
        while (!tree.Contains(newName, StringComparison.Ordinal) && stopwatch.Elapsed < Deadline)
        {
            await Task.Delay(100, Ct);
            tree = await onSecond.GetStringAsync("/api/categories", Ct);
        }

        Assert.Contains(newName, tree, StringComparison.Ordinal);
    }

    /// <summary>Sends the request until it answers <paramref name="awaited"/> or the deadline passes; answers the last status.</summary>
    private static async Task<HttpStatusCode> PollAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode awaited)
    {
        var stopwatch = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var response = await send();
            status = response.StatusCode;
            if (status != awaited)
            {
                await Task.Delay(100, Ct);
            }
        }
        while (status != awaited && stopwatch.Elapsed < Deadline);

        return status;
    }
}
