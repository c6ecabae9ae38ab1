import { Body, Controller, Get, Param, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { checkRegisterId, RegisterCommands, registerEntityTag } from '@orders/application';
import { normalizeStore, STORE_REGISTER, type StoreEntry } from '@orders/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { ApiError, validationFailed } from '../common/problem/api-error';
import { commandMeta } from '../orders/command-meta';
import { RegisteredStoreDto } from '../openapi/api-responses.dto';
import { ApiProblems } from '../openapi/order-responses.decorators';
import { RegisterGetResponse, RegisterPutResponses } from '../registers/register-put.decorator';
import { StoreRegisterDto } from './store.dto';

@ApiTags('stores')
@Controller('stores')
export class StoresController {
  constructor(private readonly registers: RegisterCommands) {}

  @Put(':externalStoreId')
  @RegisterPutResponses('store', RegisteredStoreDto)
  @RequireScopes('orders:write')
  @ApiOperation({ summary: 'Register or replace a store; clears "store is missing" warnings' })
  async put(
    @Param('externalStoreId') externalStoreId: string,
    @Body() body: StoreRegisterDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const id = checkRegisterId('externalStoreId', externalStoreId);
    const result = normalizeStore({ ...body });
    if (!result.ok) throw validationFailed(result.errors, 'The store is not valid.');
    const { created, revision } = await this.registers.save(STORE_REGISTER, id, result.store, commandMeta(request));
    void reply.status(created ? 201 : 200);
    if (revision !== null) void reply.header('ETag', registerEntityTag(revision));
    return { externalStoreId: id, ...result.store };
  }

  @Get(':externalStoreId')
  @RegisterGetResponse('store', RegisteredStoreDto)
  @RequireScopes('orders:read')
  @ApiOperation({ summary: 'One store of the register' })
  @ApiProblems([404, 'STORE_NOT_FOUND'])
  async get(@Param('externalStoreId') externalStoreId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const state = await this.registers.read<StoreEntry>(STORE_REGISTER, externalStoreId);
    if (!state.value) throw new ApiError(404, 'STORE_NOT_FOUND', 'Store not found', `No store with externalStoreId '${externalStoreId}'.`);
    void reply.header('ETag', registerEntityTag(state.revision!));
    return { externalStoreId, ...state.value };
  }
}
