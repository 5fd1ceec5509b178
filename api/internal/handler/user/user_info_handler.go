// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package user

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	"douyin/api/internal/logic/user"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

func UserInfoHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.UserInfoReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.UserInfoResp)(nil), response.InvalidRequest(err))
			return
		}

		l := user.NewUserInfoLogic(r.Context(), svcCtx)
		resp, err := l.UserInfo(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
