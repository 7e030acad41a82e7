using System.Text.Json.Nodes;
using AiNow.Publishing.Terraform.Hcl;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// The HCL writer's output is what <c>terraform fmt</c> would write, parses with HashiCorp's own HCL
/// parser, and keeps every string exactly: no value can turn into a template or code.
/// </summary>
public sealed class HclWriterTests
{
    private static readonly HclFile Sample = new(
    [
        new HclBlock("terraform", [],
        [
            new HclArgument("required_version", "~> 1.11"),
            new HclBlock("required_providers", [],
            [
                new HclArgument("aws", new HclObject([new("source", "hashicorp/aws"), new("version", "~> 6.0")])),
            ]),
            new HclBlock("backend", ["s3"], []),
        ]),
        new HclBlock("resource", ["aws_vpc", "main"],
        [
            new HclArgument("cidr_block", new HclReference("var.vpc_cidr")),
            new HclArgument("enable_dns_hostnames", true),
            new HclArgument("tags", new HclObject([new("Name", new HclTemplate(["ainow-", new HclReference("var.environment")])), new("kubernetes.io/role/elb", "1")])),
            new HclBlankLine(),
            new HclArgument("count", 3),
            new HclArgument("azs", new HclList(["us-east-1a", "us-east-1b"])),
            new HclArgument("subnets", new HclCall("cidrsubnet", new HclReference("var.vpc_cidr"), 4, 0)),
            new HclArgument("values", new HclCall("yamlencode", new HclObject([new("a", 1), new("bb", new HclCall("file", "x"))]))),
            new HclBlock("lifecycle", [], [new HclArgument("prevent_destroy", true)]),
            new HclArgument("nested", new HclList([new HclObject([new("a", 1), new("bbb", HclNull.Instance)])])),
            new HclArgument("z", 1),
        ]),
    ]);

    [Fact]
    public void Write_LaysOutLikeTerraformFmt()
    {
        var text = HclWriter.Write(Sample, "generated");

        Assert.Equal(
            """
            # generated

            terraform {
              required_version = "~> 1.11"
              required_providers {
                aws = {
                  source  = "hashicorp/aws"
                  version = "~> 6.0"
                }
              }
              backend "s3" {}
            }

            resource "aws_vpc" "main" {
              cidr_block           = var.vpc_cidr
              enable_dns_hostnames = true
              tags = {
                Name                     = "ainow-${var.environment}"
                "kubernetes.io/role/elb" = "1"
              }

              count   = 3
              azs     = ["us-east-1a", "us-east-1b"]
              subnets = cidrsubnet(var.vpc_cidr, 4, 0)
              values = yamlencode({
                a  = 1
                bb = file("x")
              })
              lifecycle {
                prevent_destroy = true
              }
              nested = [
                {
                  a   = 1
                  bbb = null
                },
              ]
              z = 1
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
    }

    [Fact]
    public async Task Output_PassesTerraformFmtCheck()
    {
        var folder = Directory.CreateTempSubdirectory("ainow-hcl-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "main.tf"), HclWriter.Write(Sample, "generated"));
            await File.WriteAllTextAsync(Path.Combine(folder, "strings.tf"), HclWriter.Write(HostileStrings(), "generated"));
            var (exitCode, output, error) = await ProcessRunner.RunAsync(TerraformCli.Command, ["fmt", "-check", "-diff", "-recursive", folder]);
            Assert.True(exitCode == 0, $"terraform fmt would change the output:\n{output}{error}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Strings_RoundTripThroughHashiCorpsParser_Exactly()
    {
        var folder = Directory.CreateTempSubdirectory("ainow-hcl-").FullName;
        try
        {
            var file = Path.Combine(folder, "strings.tf");
            await File.WriteAllTextAsync(file, HclWriter.Write(HostileStrings(), "generated"));
            var (exitCode, output, error) = await NodeScripts.RunAsync("hcl2json.mjs", file);
            Assert.True(exitCode == 0, error);

            var locals = JsonNode.Parse(output)![file]!["locals"]![0]!;
            foreach (var (name, value) in Hostile)
            {
                // HCL's JSON form is a template too: a literal "${" is written "$${" there as well.
                var expected = value.Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);
                Assert.Equal(expected, (string?)locals[name]);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("1name")]
    [InlineData("a b")]
    [InlineData("a=b")]
    [InlineData("")]
    public void Write_RefusesNamesThatAreNotIdentifiers(string name)
    {
        var file = new HclFile([new HclBlock("locals", [], [new HclArgument(name, 1)])]);
        var error = Assert.Throws<ArgumentException>(() => HclWriter.Write(file, "generated"));
        Assert.Contains("not a valid argument name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var.x + 1")]
    [InlineData("file(\"/etc/passwd\")")]
    [InlineData("${var.x}")]
    public void Reference_RefusesAnythingButATraversal(string path) =>
        Assert.Throws<ArgumentException>(() => new HclReference(path));

    private static readonly (string Name, string Value)[] Hostile =
    [
        ("quotes", "say \"hi\""),
        ("backslashes", @"C:\path\to\"),
        ("interpolation", "${file(\"/etc/passwd\")}"),
        ("directive", "%{ for x in y }x%{ endfor }"),
        ("dollar_alone", "cost: $5 and 50%"),
        ("newlines", "line one\nline two\r\n\ttabbed"),
        ("unicode", "zürich – 東京"),
    ];

    private static HclFile HostileStrings() =>
        new([new HclBlock("locals", [], [.. Hostile.Select(h => new HclArgument(h.Name, h.Value))])]);
}
