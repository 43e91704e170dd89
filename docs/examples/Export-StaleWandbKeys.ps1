<#
.SYNOPSIS
    Admin audit: lists W&B API keys not used for a number of days, across every user and service account, to a CSV
    file; with -Remove, deletes them (asking for each unless -Confirm:$false).

.DESCRIPTION
    Needs an organization admin's key (Dedicated Cloud or Self-Managed) and a server that reports when keys were last
    used; Get-WandbApiKey says so clearly when it does not. The key this session uses is never deleted.

.EXAMPLE
    ./Export-StaleWandbKeys.ps1 -Days 90 -Path ./stale.csv

.EXAMPLE
    ./Export-StaleWandbKeys.ps1 -Days 365 -Remove -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [ValidateRange(1, 3650)]
    [int] $Days = 90,

    [string] $Path = './stale-wandb-keys.csv',

    [switch] $Remove
)

$ErrorActionPreference = 'Stop'
Import-Module WandbAuth

if (-not (Get-WandbConnection)) { $null = Connect-Wandb -Verify }
$connection = Get-WandbConnection
# IsAdmin is $null (unknown) on a connection made without -Verify; only a known $false earns the warning.
if ($connection.IsAdmin -eq $false) {
    Write-Warning "$($connection.User) is not an organization admin: only your own keys can be listed."
}

$cutoff = (Get-Date).AddDays(-$Days)
$stale = @(Get-WandbApiKey -All -NotUsedSince $cutoff)
$stale |
    Select-Object KeyId, Name, Owner, OwnerType, CreatedAt, LastUsedAt, IsCurrent |
    Export-Csv -Path $Path -NoTypeInformation -Encoding UTF8 -WhatIf:$false -Confirm:$false
Write-Host "$($stale.Count) key(s) not used since $($cutoff.ToString('yyyy-MM-dd')) written to $Path."

if ($Remove) {
    # Remove-WandbApiKey asks before each delete (ConfirmImpact High). This script's -WhatIf and -Confirm set
    # $WhatIfPreference and $ConfirmPreference here, and Remove-WandbApiKey follows them.
    $stale | Where-Object { -not $_.IsCurrent } | Remove-WandbApiKey
}
