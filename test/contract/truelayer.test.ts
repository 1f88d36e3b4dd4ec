import { truelayer } from './adapters/truelayer.js';
import { providerContract } from './provider-contract.js';

providerContract(truelayer);
