// The virtual network the function app sends all its outbound traffic through (VNet integration). In 'public' mode
// its subnet has service endpoints, so the storage and Key Vault firewalls can admit the app by subnet; in 'private'
// mode a second subnet holds the private endpoints, and private DNS zones make the services' names resolve to them.

@description('Azure region of the network.')
param location string

@description('Tags of every resource.')
param tags { *: string }

@description('Start of every name, e.g. lrf-test.')
param baseName string

@description('\'public\' (service endpoints) or \'private\' (private endpoints and private DNS zones).')
@allowed([
  'public'
  'private'
])
param networkAccess string

@description('Address space of the network: a /24 or larger, not overlapping any network it may be peered with.')
param addressPrefix string

@description('Whether the private endpoints and their DNS zones exist (\'private\' mode).')
var isPrivate = networkAccess == 'private'

// The Elastic Premium plan takes one address per instance (up to 20) during scale-out and swaps: a /26 leaves room.
@description('Subnet the function app integrates with.')
var appSubnet = {
  name: 'app'
  properties: {
    addressPrefix: cidrSubnet(addressPrefix, 26, 0)
    delegations: [
      {
        name: 'Microsoft.Web.serverFarms'
        properties: {
          serviceName: 'Microsoft.Web/serverFarms'
        }
      }
    ]
    // Service endpoints are what a firewall rule for this subnet matches; private endpoints need none.
    serviceEndpoints: isPrivate
      ? []
      : [
          {
            service: 'Microsoft.Storage'
          }
          {
            service: 'Microsoft.KeyVault'
          }
        ]
  }
}

@description('Subnet of the private endpoints (\'private\' mode only).')
var endpointSubnet = {
  name: 'private-endpoints'
  properties: {
    addressPrefix: cidrSubnet(addressPrefix, 27, 2)
  }
}

// Private DNS zone per service, cloud-independent: the Key Vault zone is 'privatelink.vaultcore.<suffix>', which the
// environment only gives as the vault suffix '.vault.<suffix>'.
@description('Private DNS zone name per private endpoint group id.')
var privateDnsZoneNames = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  queue: 'privatelink.queue.${environment().suffixes.storage}'
  table: 'privatelink.table.${environment().suffixes.storage}'
  vault: 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
}

// Subnets are declared inside the network, not as child resources: a redeploy then never removes one.
resource network 'Microsoft.Network/virtualNetworks@2026-03-01' = {
  name: '${baseName}-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: isPrivate ? [appSubnet, endpointSubnet] : [appSubnet]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in items(privateDnsZoneNames): if (isPrivate) {
    name: zone.value
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in items(privateDnsZoneNames): if (isPrivate) {
    parent: zones[i]
    name: '${baseName}-vnet'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: network.id
      }
    }
  }
]

@description('Resource id of the subnet the function app integrates with.')
output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', network.name, appSubnet.name)

@description('Resource id of the private endpoints\' subnet; empty in \'public\' mode.')
output endpointSubnetId string = isPrivate
  ? resourceId('Microsoft.Network/virtualNetworks/subnets', network.name, endpointSubnet.name)
  : ''

@description('Resource id of the private DNS zone per group id (blob, queue, table, vault); empty in \'public\' mode.')
output privateDnsZoneIds { *: string } = isPrivate
  ? toObject(
      items(privateDnsZoneNames),
      zone => zone.key,
      zone => resourceId('Microsoft.Network/privateDnsZones', zone.value)
    )
  : {}
